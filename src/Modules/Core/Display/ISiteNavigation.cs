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
