using Storefront.Core.Content;
using Storefront.Downloads.Stamping;
using Storefront.Media.Storage;

namespace Storefront.Downloads.Gate;

/// <summary>
/// A product's master, opened from private storage and judged by its first bytes: whether it is a PDF never
/// depends on its name, because editors upload files as "bigbook" or "book.PDF.bin" and the copy must still be
/// stamped, typed and named for what it is.
/// </summary>
internal sealed class MasterFile(Stream content, long? length, bool isPdf, string fileName, byte[]? whole = null) : IAsyncDisposable
{
    public Stream Content => content;

    /// <summary>The master's storage key; masters are stored under the hash of their bytes, so it names the content.</summary>
    public string Key { get; private init; } = "";

    /// <summary>The master's size in bytes, when storage knows it.</summary>
    public long? Length => length;

    /// <summary>The whole master, when it is held in memory (<see cref="MasterCache"/>).</summary>
    public byte[]? Whole => whole;

    public bool IsPdf => isPdf;

    public string ContentType => isPdf ? "application/pdf" : "application/octet-stream";

    /// <summary>The uploaded name; a PDF saved under another name gets ".pdf" so the buyer's system opens it.</summary>
    public string FileName => fileName;

    /// <summary>What the product chose for the visible stamp; null follows the shop.</summary>
    public Storefront.Core.Privacy.StampPrivacy? StampPrivacy { get; init; }

    public static async Task<MasterFile?> OpenAsync(IBlobStore blobs, MasterCache cache, ProductSnapshot product, CancellationToken cancellationToken)
    {
        if (product.MasterKey is null || !BlobKey.TryCreate(product.MasterKey, out var key, out _))
        {
            return null;
        }
        if (cache.Find(key.Value) is { } cached)
        {
            return InMemory(cached, product);
        }
        if (await blobs.OpenReadAsync(BlobArea.Private, key, cancellationToken) is not { } stream)
        {
            return null;
        }

        var length = stream.CanSeek ? stream.Length : (await blobs.GetInfoAsync(BlobArea.Private, key, cancellationToken))?.Length;
        if (length is { } size && cache.Takes(size))
        {
            var whole = new byte[size];
            await using (stream)
            {
                await stream.ReadExactlyAsync(whole, cancellationToken);
            }
            cache.Keep(key.Value, whole);
            return InMemory(whole, product);
        }

        var head = new byte[PdfSniffer.HeaderWindow];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (stream.CanSeek)
        {
            stream.Position = 0;
        }
        else
        {
            // A network stream cannot rewind; opening it again costs one request and keeps the master out of memory.
            await stream.DisposeAsync();
            if (await blobs.OpenReadAsync(BlobArea.Private, key, cancellationToken) is not { } reopened)
            {
                return null;
            }
            stream = reopened;
        }

        var isPdf = PdfSniffer.LooksLikePdf(head.AsSpan(0, read));
        return new MasterFile(stream, length, isPdf, NameOf(product, isPdf)) { StampPrivacy = product.StampPrivacy, Key = product.MasterKey };
    }

    /// <summary>The master of a product by its id; null when the product or its master is gone.</summary>
    public static async Task<MasterFile?> OpenAsync(ICatalogProducts products, IBlobStore blobs, MasterCache cache, Guid productId, CancellationToken cancellationToken) =>
        await products.FindAsync(productId, cancellationToken) is { } product ? await OpenAsync(blobs, cache, product, cancellationToken) : null;

    private static MasterFile InMemory(byte[] whole, ProductSnapshot product)
    {
        var isPdf = PdfSniffer.LooksLikePdf(whole.AsSpan(0, Math.Min(whole.Length, PdfSniffer.HeaderWindow)));
        return new MasterFile(new MemoryStream(whole, writable: false), whole.Length, isPdf, NameOf(product, isPdf), whole) { StampPrivacy = product.StampPrivacy, Key = product.MasterKey! };
    }

    private static string NameOf(ProductSnapshot product, bool isPdf)
    {
        var name = product.MasterFileName ?? product.Slug;
        return isPdf && !name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? name + ".pdf" : name;
    }

    public ValueTask DisposeAsync() => content.DisposeAsync();
}
