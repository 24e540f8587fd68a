using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Storefront.Core.Caching;
using Storefront.Core.Data;
using Storefront.Core.Display;
using Storefront.Core.Modules;
using Storefront.Core.Recipes;
using Storefront.Core.Security;
using Storefront.Core.Templates;
using Storefront.Templates.Data;
using Storefront.Templates.Recipes;
using Storefront.Templates.Rendering;

[assembly: Module("Templates", Description = "Liquid templates editors can change for storefront sections and emails, with versions, preview and a sandbox.",
    Dependencies = ["Core"])]

namespace Storefront.Templates;

public sealed class TemplatesStartup : ModuleStartup
{
    public override void ConfigureServices(IServiceCollection services, ModuleContext context)
    {
        services.AddSingleton<IEntityModelContributor, TemplatesModel>();
        services.AddSingleton<IDataMigration, TemplatesMigrations>();
        services.AddSingleton<IPermissionProvider, TemplatesPermissions>();
        services.AddSingleton(new AdminMenuItem("Templates", "/admin/templates", TemplatesPermissions.ManageTemplates.Name, 40));
        services.AddSingleton<LiquidSandbox>();
        services.AddScoped<TemplateStore>();
        services.Replace(ServiceDescriptor.Scoped<ITemplateRenderer, StoredTemplateRenderer>());
        services.AddScoped<IRecipeStep, TemplatesRecipeStep>();
        services.AddScoped<IRecipeExportStep, TemplatesExportStep>();
        // Storefront sections are templates: a saved version must not wait for the cached pages to expire.
        services.AddSiteChangeOnSave(SiteChangeTags.Catalogue, typeof(TemplateVersion));
    }
}
