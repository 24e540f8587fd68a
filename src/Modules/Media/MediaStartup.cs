using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Modules;
using Storefront.Media.Endpoints;
using Storefront.Media.Storage;

[assembly: Module("Media", Description = "Blob storage (file system or S3) for public media and private masters.", Dependencies = ["Core"])]

namespace Storefront.Media;

public sealed class MediaStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddBlobStorage(context.Configuration);
        services.AddHealthChecks().AddCheck<BlobStoreHealthCheck>("storage", tags: ["ready"]);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapPublicMedia();
}
