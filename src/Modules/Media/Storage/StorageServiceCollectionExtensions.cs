using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Storefront.Media.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddBlobStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<StorageOptions>, S3BucketCheck>();
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection("Storage"))
            .Validate(o => o.Provider != StorageProvider.FileSystem || !string.IsNullOrWhiteSpace(o.Root),
                "Storage:Root (env Storage__Root) must name a folder when Storage:Provider is FileSystem.")
            .Validate(o => o.Provider != StorageProvider.S3 || !string.IsNullOrWhiteSpace(o.S3.Bucket),
                "Storage:S3:Bucket (env Storage__S3__Bucket) is required when Storage:Provider is S3.")
            .Validate(o => o.Provider != StorageProvider.S3 || (!string.IsNullOrEmpty(o.S3.AccessKey) && !string.IsNullOrEmpty(o.S3.SecretKey)),
                "Storage:S3:AccessKey and Storage:S3:SecretKey (env Storage__S3__AccessKey, Storage__S3__SecretKey) are required when Storage:Provider is S3.")
            .Validate(o => o.Provider != StorageProvider.S3 || string.IsNullOrEmpty(o.S3.ServiceUrl) || Uri.TryCreate(o.S3.ServiceUrl, UriKind.Absolute, out _),
                "Storage:S3:ServiceUrl (env Storage__S3__ServiceUrl) must be an absolute URL such as http://127.0.0.1:9000.")
            .Validate(o => o.S3.PartSizeMegabytes is >= 5 and <= 512,
                "Storage:S3:PartSizeMegabytes must be between 5 and 512 (S3's smallest part is 5 MB).")
            .ValidateOnStart();

        services.AddSingleton<IBlobStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>();
            return options.Value.Provider == StorageProvider.S3
                ? new S3BlobStore(options)
                : new FileSystemBlobStore(options);
        });
        return services;
    }
}
