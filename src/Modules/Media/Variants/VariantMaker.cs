using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Media.Library;
using Storefront.Media.Storage;

namespace Storefront.Media.Variants;

/// <summary>
/// Makes a variant the first time it is asked for and keeps it in the blob store. Requests for the same variant share
/// one job, and only a few jobs run at once (<see cref="MediaOptions.VariantConcurrency"/>), because each holds a decoded
/// picture. Another instance of the shop making the same variant at the same moment writes the same bytes under the same
/// key, and both stores replace a blob whole, so a reader never sees a mixture.
/// </summary>
public sealed class VariantMaker(IBlobStore blobs, IOptions<MediaOptions> options, ILogger<VariantMaker> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(Math.Max(1, options.Value.VariantConcurrency));
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobInfo?>>> jobs = new(StringComparer.Ordinal);

    /// <summary>The stored variant, made now if it was not yet; null when the original is missing or cannot be decoded.</summary>
    public async Task<BlobInfo?> EnsureAsync(string originalKey, int width, VariantFormat format, CancellationToken cancellationToken)
    {
        var key = ImageVariants.KeyFor(originalKey, width, format);
        if (await blobs.GetInfoAsync(BlobArea.Public, key, cancellationToken) is { } stored)
        {
            return stored;
        }

        var job = jobs.GetOrAdd(key.Value, _ => new Lazy<Task<BlobInfo?>>(() => MakeAsync(originalKey, key, width, format)));
        // One visitor leaving does not cancel the job the others wait for.
        return await job.Value.WaitAsync(cancellationToken);
    }

    private async Task<BlobInfo?> MakeAsync(string originalKey, BlobKey key, int width, VariantFormat format)
    {
        await gate.WaitAsync();
        try
        {
            // Made by another request while this one waited for its turn.
            if (await blobs.GetInfoAsync(BlobArea.Public, key) is { } stored)
            {
                return stored;
            }

            var bytes = await RenderAsync(originalKey, width, format);
            if (bytes is null)
            {
                return null;
            }

            await blobs.PutAsync(BlobArea.Public, key, new MemoryStream(bytes, writable: false), format.ContentType);
            logger.LogDebug("Made the {Width}px {Format} variant of {Key} ({Bytes} bytes).", width, format.Extension, originalKey, bytes.Length);
            return new BlobInfo(key.Value, bytes.Length, format.ContentType);
        }
        finally
        {
            gate.Release();
            // The stored variant answers from now on; a failed one may be tried again by the next request.
            jobs.TryRemove(key.Value, out _);
        }
    }

    private async Task<byte[]?> RenderAsync(string originalKey, int width, VariantFormat format)
    {
        if (!BlobKey.TryCreate(originalKey, out var original, out _))
        {
            return null;
        }

        await using var source = await blobs.OpenReadAsync(BlobArea.Public, original);
        if (source is null)
        {
            return null;
        }

        // The decoder seeks, and an S3 response stream cannot: the original (within the upload limit) is read into memory.
        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer);
        if (buffer.Length > options.Value.MaxUploadBytes)
        {
            logger.LogWarning("No variants of {Key}: the original is larger than Media:MaxUploadBytes.", originalKey);
            return null;
        }

        buffer.Position = 0;
        var bytes = await Task.Run(() => VariantRenderer.Render(buffer, width, format));
        if (bytes is null)
        {
            logger.LogWarning("No {Width}px variant of {Key}: the original could not be decoded.", width, originalKey);
        }

        return bytes;
    }

    public void Dispose() => gate.Dispose();
}
