using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Modules;

namespace Storefront.Media.Storage;

/// <summary>
/// Before anything starts (migrations, the first-start recipe that stores media): the S3 bucket exists, created here if it
/// is missing and <c>Storage__S3__CreateBucket</c> allows, or the start stops with one line naming the bucket and the setting.
/// </summary>
internal sealed class S3BucketCheck(IBlobStore store, IOptions<StorageOptions> options, ILogger<S3BucketCheck> logger) : IHostedLifecycleService
{
    // Starting runs for every service before any StartAsync, so the bucket is there before the start-up tasks import media.
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (store is not S3BlobStore s3)
        {
            return;
        }

        var bucket = options.Value.S3.Bucket;
        if (!await s3.EnsureBucketAsync(cancellationToken))
        {
            throw new ModuleConfigurationException(
                $"The S3 bucket '{bucket}' does not exist and Storage__S3__CreateBucket is false: create the bucket, or set Storage__S3__CreateBucket=true to let the shop create it.");
        }

        logger.LogInformation("S3 bucket {Bucket} is ready", bucket);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
