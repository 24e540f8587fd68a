using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Gate;
using Storefront.Downloads.Stamping;
using Storefront.Media.Storage;

namespace Storefront.Downloads.Tracing;

/// <summary>
/// Maps a copy's trailer /ID back to its purchase. The per-copy ID is a hash of the master's samples, the fingerprint
/// and the footer line (see <see cref="DocumentId"/>), so nothing needs storing: it is recomputed for each purchase of
/// each master and compared. It matches only while the master is what it was at download, and the footer wording one of the privacy options' or the configured template.
/// </summary>
internal sealed class CopyIdMatcher(StorefrontDbContext db, ICatalogProducts products, IBlobStore blobs, MasterCache masters, IOptionsMonitor<StampingOptions> stamping)
{
    private const int SampleLength = 1 << 20;

    public async Task<List<Entitlement>> MatchAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var matched = new List<Entitlement>();
        if (ids.Count == 0)
        {
            return matched;
        }
        var wordings = StampWording.All(stamping.CurrentValue).ToList();
        var productIds = await db.Set<Entitlement>().AsNoTracking().Select(e => e.ProductId).Distinct().ToListAsync(cancellationToken);
        foreach (var productId in productIds)
        {
            if (await products.FindAsync(productId, cancellationToken) is not { } product
                || await MasterHashAsync(product, cancellationToken) is not { } masterHash)
            {
                continue;
            }
            var purchases = await db.Set<Entitlement>().AsNoTracking().Where(e => e.ProductId == productId).ToListAsync(cancellationToken);
            matched.AddRange(purchases.Where(e => wordings.Any(wording => ids.Contains(DocumentId.CopyHex(masterHash, Line(wording, e), e.Fingerprint)))));
        }
        return matched;
    }

    // The same request the gate stamps with (CopySender), so the same line comes out.
    private static string Line(string template, Entitlement e) => StampTemplate.Render(template,
        new StampRequest(e.BuyerName ?? e.BuyerEmail, e.BuyerEmail, e.OrderNumber.ToString(CultureInfo.InvariantCulture), e.Fingerprint));

    private async Task<byte[]?> MasterHashAsync(ProductSnapshot product, CancellationToken cancellationToken)
    {
        await using var master = await MasterFile.OpenAsync(blobs, masters, product, cancellationToken);
        if (master is not { IsPdf: true })
        {
            return null;
        }
        if (master.Whole is { } whole)
        {
            return DocumentId.MasterHash(whole.Length, whole.AsSpan(0, Math.Min(SampleLength, whole.Length)),
                whole.AsSpan(Math.Max(0, whole.Length - SampleLength)));
        }
        // A large master streams from storage once: the first MB is kept, and the last MB seen so far.
        var head = new byte[SampleLength];
        var headLength = await master.Content.ReadAtLeastAsync(head, SampleLength, throwOnEndOfStream: false, cancellationToken);
        var window = new byte[2 * SampleLength];
        var windowLength = 0;
        long total = headLength;
        head.AsSpan(0, headLength).CopyTo(window);
        windowLength = headLength;
        while (true)
        {
            if (windowLength == window.Length)
            {
                window.AsSpan(SampleLength).CopyTo(window);
                windowLength = SampleLength;
            }
            var read = await master.Content.ReadAsync(window.AsMemory(windowLength), cancellationToken);
            if (read == 0)
            {
                break;
            }
            windowLength += read;
            total += read;
        }
        var tail = window.AsSpan(Math.Max(0, windowLength - SampleLength), Math.Min(SampleLength, windowLength));
        return DocumentId.MasterHash(total, head.AsSpan(0, headLength), tail);
    }
}
