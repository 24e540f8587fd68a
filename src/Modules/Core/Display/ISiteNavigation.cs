namespace Storefront.Core.Display;

/// <summary>A link the storefront theme shows in its navigation and footer.</summary>
public sealed record SiteLink(string Title, string Url, int Order = 0);

/// <summary>
/// Links a module offers the storefront's navigation (the Catalog's published pages). The theme
/// asks every implementation, so it never references the module that owns the content.
/// </summary>
public interface ISiteNavigation
{
    Task<IReadOnlyList<SiteLink>> GetLinksAsync(CancellationToken cancellationToken);
}

public static class SiteNavigationExtensions
{
    /// <summary>Every module's links in their display order, for a theme's layout.</summary>
    public static async Task<IReadOnlyList<SiteLink>> CollectAsync(this IEnumerable<ISiteNavigation> sources, CancellationToken cancellationToken)
    {
        var links = new List<SiteLink>();
        foreach (var source in sources)
        {
            links.AddRange(await source.GetLinksAsync(cancellationToken));
        }

        return [.. links.OrderBy(l => l.Order)];
    }
}
