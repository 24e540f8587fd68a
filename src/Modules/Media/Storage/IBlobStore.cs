namespace Storefront.Media.Storage;

/// <summary>
/// Where a blob lives. Public media may be served to anyone; private masters are only ever read by
/// server code (the download gate) and no route maps to them.
/// </summary>
public enum BlobArea
{
    Public,
    Private,
}

public sealed record BlobInfo(string Key, long Length, string ContentType);

/// <summary>The one storage interface; the file system and S3 implement it.</summary>
public interface IBlobStore
{
    /// <summary>Writes the stream under the key, replacing what was there. The stream is read once, not buffered whole.</summary>
    Task PutAsync(BlobArea area, BlobKey key, Stream content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>Opens the blob for reading, or null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(BlobArea area, BlobKey key, CancellationToken cancellationToken = default);

    Task<BlobInfo?> GetInfoAsync(BlobArea area, BlobKey key, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(BlobArea area, BlobKey key, CancellationToken cancellationToken = default);

    /// <summary>Every blob of an area, in no particular order (backups, exports).</summary>
    IAsyncEnumerable<BlobInfo> ListAsync(BlobArea area, CancellationToken cancellationToken = default);

    /// <summary>A cheap round trip proving the store is reachable and writable (readiness).</summary>
    Task CheckHealthAsync(CancellationToken cancellationToken = default);
}
