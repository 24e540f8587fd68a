using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Core.Themes;

/// <summary>
/// Orchard's way of letting the theme pick the layout: pages ask for "_Layout" and stay theme-agnostic; the active
/// theme's view folder is searched first. The theme's name is part of the view engine's cache key, so each theme's
/// lookups are cached separately and a switch takes effect on the next request.
/// </summary>
internal sealed class ThemeViewLocationExpander : IViewLocationExpander
{
    private const string Key = "theme";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        var active = context.ActionContext.HttpContext.RequestServices.GetService<ActiveTheme>();
        context.Values[Key] = active?.Current?.Name;
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var catalog = context.ActionContext.HttpContext.RequestServices.GetRequiredService<ThemeCatalog>();
        return context.Values.TryGetValue(Key, out var name) && catalog.Find(name)?.ViewsPath is { } folder
            ? [$"{folder}/{{0}}{RazorViewEngine.ViewExtension}", .. viewLocations]
            : viewLocations;
    }
}
