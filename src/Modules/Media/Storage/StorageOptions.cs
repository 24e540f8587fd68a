namespace Storefront.Media.Storage;

public enum StorageProvider
{
    FileSystem,
    S3,
}

/// <summary><c>Storage__*</c>. Secrets (the S3 keys) come from the environment only.</summary>
public sealed class StorageOptions
{
    public StorageProvider Provider { get; set; } = StorageProvider.FileSystem;

    /// <summary>File-system root; public media and private masters live in separate folders below it.</summary>
    public string Root { get; set; } = "data/storage";

    public S3StorageOptions S3 { get; set; } = new();
}

public sealed class S3StorageOptions
{
    /// <summary>Empty for AWS itself; the endpoint for MinIO, R2 or another S3-compatible service.</summary>
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "";

    /// <summary>
    /// Create <see cref="Bucket"/> at start when the store has none (env <c>Storage__S3__CreateBucket</c>): a fresh MinIO has no
    /// buckets. Off where the keys may not create buckets; then a missing bucket stops the start, naming this setting.
    /// </summary>
    public bool CreateBucket { get; set; } = true;

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>AWS region; R2 wants "auto", MinIO accepts anything.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Path-style addressing (bucket in the path), which MinIO and most self-hosted servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Prefixes that keep the two areas apart inside one bucket.</summary>
    public string PublicPrefix { get; set; } = "public/";

    public string PrivatePrefix { get; set; } = "private/";

    /// <summary>Objects above this size are sent in parts so no upload is held in memory whole.</summary>
    public int PartSizeMegabytes { get; set; } = 16;
}
