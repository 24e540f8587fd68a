using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Core.Themes;

public static class ThemeServiceCollectionExtensions
{
    /// <summary>The theme machinery: which themes exist, which one is active, and the view lookup that honours it.</summary>
    public static IServiceCollection AddStorefrontThemes(this IServiceCollection services)
    {
        services.AddSingleton<ThemeCatalog>();
        services.AddScoped<ActiveTheme>();
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new ThemeViewLocationExpander()));
        services.Configure<MvcOptions>(o => o.Filters.Add(new ActiveThemeFilter()));
        return services;
    }

    /// <summary>How a theme module declares itself, so the settings screen and recipes know it is installed.</summary>
    public static IServiceCollection AddStorefrontTheme(this IServiceCollection services, ThemeDescriptor theme) =>
        services.AddSingleton(theme);
}
