namespace Storefront.Core.Caching;

/// <summary>
/// How a module says "what visitors see has changed": the cached public pages tagged <paramref name="tag"/> go at once
/// on this instance and within <c>Settings__PollInterval</c> on every other instance sharing the database.
/// </summary>
public interface ISiteChanges
{
    /// <summary>
    /// Call it after the change is saved. Inside a transaction the announcement commits with it and this instance evicts
    /// on the commit; a rollback announces nothing.
    /// </summary>
    Task AnnounceAsync(string tag, CancellationToken cancellationToken = default);
}

/// <summary>The tags cached pages carry.</summary>
public static class SiteChangeTags
{
    /// <summary>
    /// Every cached catalogue page. One tag rather than one per product: a price shows on the product's page, the home
    /// page, every bundle holding it and the navigation, and edits are rare next to page views.
    /// </summary>
    public const string Catalogue = "catalogue";
}
