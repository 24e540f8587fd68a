namespace Storefront.Catalog.Search;

/// <summary>The admin lists' order under a query: ranked full-text matches first, then title or slug matches by title.</summary>
internal static class AdminSearch
{
    public static Dictionary<Guid, int> Rank(IReadOnlyList<SearchResult> results, string kind) =>
        results.Where(r => r.Kind == kind).Select((r, position) => (r.Id, position)).ToDictionary(x => x.Id, x => x.position);

    public static IEnumerable<T> Order<T>(IEnumerable<T> items, Dictionary<Guid, int> rank, Func<T, Guid> id, Func<T, string> title) =>
        items.OrderBy(i => rank.GetValueOrDefault(id(i), int.MaxValue)).ThenBy(title, StringComparer.OrdinalIgnoreCase);
}
