using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Events;
using Storefront.Core.Modules;
using Storefront.Core.Recipes;
using Storefront.Core.Security;
using Storefront.Licensing.Data;
using Storefront.Licensing.Keys;
using Storefront.Licensing.Recipes;
using Storefront.Licensing.Verify;

[assembly: Module("Licensing", Description = "Licence keys for software products: one per paid line, verified and activated through a JSON API.",
    Dependencies = ["Core", "Catalog"])]

namespace Storefront.Licensing;

public sealed class LicensingStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<IEntityModelContributor, LicensingModel>();
        services.AddSingleton<IDataMigration, LicensingMigrations>();
        services.AddSingleton<IPermissionProvider, LicensingPermissions>();
        services.AddScoped<LicenseTerms>();
        services.AddScoped<LicenseVerifier>();
        services.AddScoped<Storefront.Core.Privacy.IPersonalDataEraser, LicensingEraser>();
        services.AddScoped<ILicenseKeys, OrderLicenseKeys>();
        services.AddScoped<LicenseIssuer>();
        services.AddScoped<IDomainEventHandler<OrderPaid>>(provider => provider.GetRequiredService<LicenseIssuer>());
        services.AddScoped<IDomainEventHandler<OrderRefunded>>(provider => provider.GetRequiredService<LicenseIssuer>());
        services.AddScoped<IDomainEventHandler<OrderLinesRefunded>>(provider => provider.GetRequiredService<LicenseIssuer>());
        services.AddScoped<IDomainEventHandler<OrderDisputeOpened>>(provider => provider.GetRequiredService<LicenseIssuer>());
        services.AddScoped<IDomainEventHandler<OrderDisputeClosed>>(provider => provider.GetRequiredService<LicenseIssuer>());
        services.AddScoped<IRecipeStep, LicensesRecipeStep>();
        services.AddScoped<IRecipeExportStep, LicensesExportStep>();
        services.AddSingleton(new ZoneItem("ProductEditorActions", "_LicenseKeysLink"));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapLicenseVerification();
}
