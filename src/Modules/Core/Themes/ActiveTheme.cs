using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Settings;

namespace Storefront.Core.Themes;

/// <summary>
/// The theme this request renders with, read from the settings store like every other site setting: per request,
/// never cached across requests, so a change made in the admin (on any app instance) shows on the next page view.
/// </summary>
public sealed class ActiveTheme(SiteSettingsStore settings, ThemeCatalog catalog)
{
    private ThemeDescriptor? resolved;
    private bool loaded;

    public async Task<ThemeDescriptor?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (!loaded)
        {
            resolved = catalog.Resolve((await settings.GetAsync(cancellationToken)).Theme);
            loaded = true;
        }

        return resolved;
    }

    /// <summary>
    /// For the view engine, whose location hook is synchronous. <see cref="ActiveThemeFilter"/> loads the theme before
    /// any page renders, so the blocking read below only happens for a view rendered outside a Razor page.
    /// </summary>
    public ThemeDescriptor? Current => loaded ? resolved : GetAsync().GetAwaiter().GetResult();
}

/// <summary>Loads the active theme before a page's result renders, while awaiting is still possible.</summary>
internal sealed class ActiveThemeFilter : IAsyncAlwaysRunResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        if (context.Result is PageResult or Microsoft.AspNetCore.Mvc.ViewResult)
        {
            var http = context.HttpContext;
            await http.RequestServices.GetRequiredService<ActiveTheme>().GetAsync(http.RequestAborted);
        }

        await next();
    }
}
