using Amazon.Runtime;
using Microsoft.Extensions.Options;

namespace Storefront.Media.Storage;

/// <summary>
/// Part of checking the storage settings at start, before anything is served or imported (and before an administrative
/// command such as <c>restore</c> writes): the S3 bucket exists, created here if it is missing and <c>Storage__S3__CreateBucket</c>
/// allows, or the start stops with one line naming the bucket and the setting. A store that cannot be reached at all is left
/// to the readiness check, as before: it may simply be starting too.
/// </summary>
internal sealed class S3BucketCheck : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Provider != StorageProvider.S3 || string.IsNullOrWhiteSpace(options.S3.Bucket)
            || string.IsNullOrEmpty(options.S3.AccessKey) || string.IsNullOrEmpty(options.S3.SecretKey))
        {
            return ValidateOptionsResult.Skip;
        }

        using var store = new S3BlobStore(Options.Create(options));
        try
        {
            // Options are validated synchronously, once, at start.
            return store.EnsureBucketAsync(CancellationToken.None).GetAwaiter().GetResult()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"The S3 bucket '{options.S3.Bucket}' does not exist and Storage__S3__CreateBucket is false "
                    + "(env Storage__S3__CreateBucket): create the bucket, or set Storage__S3__CreateBucket=true to let the shop create it.");
        }
        catch (Exception ex) when (ex is AmazonServiceException or HttpRequestException or TaskCanceledException)
        {
            return ValidateOptionsResult.Skip;
        }
    }
}
