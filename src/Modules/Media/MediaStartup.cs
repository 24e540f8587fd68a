using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Caching;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Recipes;
using Storefront.Core.Security;
using Storefront.Media.Library;
using Storefront.Media.Endpoints;
using Storefront.Media.Recipes;
using Storefront.Media.Storage;
using Storefront.Media.Variants;

[assembly: Module("Media", Description = "Blob storage (file system or S3) for public media and private masters, and the media library.", Dependencies = ["Core"])]

namespace Storefront.Media;

public sealed class MediaStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddBlobStorage(context.Configuration);
        services.AddSingleton<IEntityModelContributor, MediaLibraryModel>();
        services.AddSingleton<IDataMigration, MediaLibraryMigrations>();
        services.AddOptions<MediaOptions>().Bind(context.Configuration.GetSection("Media"))
            .Validate(o => o.MaxUploadBytes > 0 && o.MaxPixels > 0, "Media:MaxUploadBytes and Media:MaxPixels must be positive.")
            .Validate(o => o.VariantConcurrency is >= 1 and <= 64, "Media:VariantConcurrency must be between 1 and 64.")
            .ValidateOnStart();
        services.AddSingleton<VariantMaker>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<MediaFolders>();
        services.AddScoped<IImageLibrary, ImageLibrary>();
        services.AddScoped<MediaUsage>();
        services.AddScoped<SiteLogo>();
        services.AddScoped<IRecipeStep, MediaRecipeStep>();
        services.AddScoped<IRecipeStep, MediaFoldersRecipeStep>();
        services.AddScoped<IRecipeStep, LogoSettingsRecipeStep>();
        services.AddScoped<IRecipeExportStep, LogoExportStep>();
        services.AddScoped<IRecipeExportStep, MediaExportStep>();
        services.AddSingleton<IPermissionProvider, MediaPermissions>();
        services.AddSingleton(new AdminMenuItem("Media", "/admin/media", MediaPermissions.ManageMedia.Name, 30));
        services.AddScoped<Storefront.Core.Settings.ISettingsUpload, Settings.LogoSettingsUpload>();
        services.AddHealthChecks().AddCheck<BlobStoreHealthCheck>("storage", tags: ["ready"]);
        // Catalogue pages show images from the library by key: replacing or removing one refreshes them.
        services.AddSiteChangeOnSave(SiteChangeTags.Catalogue, typeof(MediaAsset));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapPublicMedia().MapImageVariants();
}
