using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Razor.Compilation;
using Storefront.Core.Modules;

namespace Storefront.Host.Hosting;

public static class ModuleHostingExtensions
{
    /// <summary>Registers each enabled module in dependency order, and only its pages.</summary>
    public static WebApplicationBuilder AddStorefrontModules(this WebApplicationBuilder builder, IEnumerable<Type> startupTypes)
    {
        var catalog = ModuleCatalog.Build(startupTypes, builder.Configuration);
        var context = new ModuleContext(builder.Configuration, builder.Environment);
        var startups = catalog.Enabled.Select(m => (ModuleStartup)Activator.CreateInstance(m.StartupType)!).ToList();
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<IReadOnlyList<ModuleStartup>>(startups);
        foreach (var startup in startups)
        {
            startup.ConfigureServices(builder.Services, context);
        }

        var disabled = catalog.Disabled.Select(m => m.Assembly.GetName().Name).ToHashSet();
        builder.Services.AddRazorPages().ConfigureApplicationPartManager(parts =>
        {
            foreach (var module in catalog.Enabled.Where(m => parts.ApplicationParts.All(p => p.Name != m.Assembly.GetName().Name)))
            {
                parts.ApplicationParts.Add(new AssemblyPart(module.Assembly));
                parts.ApplicationParts.Add(new CompiledRazorAssemblyPart(module.Assembly));
            }

            foreach (var part in parts.ApplicationParts.Where(p => disabled.Contains(p.Name)).ToList())
            {
                parts.ApplicationParts.Remove(part);
            }
        });
        builder.Services.Configure<MvcOptions>(options =>
        {
            options.ModelMetadataDetailsProviders.Add(new NonNullableStringsBindEmpty());
            options.Filters.Add(new UnnamedPostFilter());
        });
        return builder;
    }

    public static WebApplication MapStorefrontModules(this WebApplication app)
    {
        foreach (var startup in app.Services.GetRequiredService<IReadOnlyList<ModuleStartup>>())
        {
            startup.MapEndpoints(app);
        }

        var pages = app.MapRazorPages();
        foreach (var convention in app.Services.GetServices<IPageEndpointConvention>())
        {
            pages.Add(convention.Apply);
        }

        return app;
    }
}
