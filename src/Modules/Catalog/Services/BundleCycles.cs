namespace Storefront.Catalog.Services;

/// <summary>
/// A bundle may hold bundles, but never itself at any depth: a cycle would make a purchase grant without end and a page
/// list itself. Works on ids (the admin) and on slugs (a recipe, before its products exist).
/// </summary>
public static class BundleCycles
{
    /// <summary>
    /// The chain <c>bundle → … → bundle</c> that the contents would close, or null when there is none.
    /// <paramref name="contents"/> maps every bundle to what it holds, with <paramref name="bundle"/>'s proposed contents.
    /// </summary>
    public static IReadOnlyList<TKey>? Find<TKey>(TKey bundle, IReadOnlyDictionary<TKey, IReadOnlyList<TKey>> contents)
        where TKey : notnull
    {
        var visited = new HashSet<TKey>();
        var path = new List<TKey> { bundle };
        return Walk(bundle);

        IReadOnlyList<TKey>? Walk(TKey current)
        {
            foreach (var item in contents.GetValueOrDefault(current) ?? [])
            {
                path.Add(item);
                if (EqualityComparer<TKey>.Default.Equals(item, bundle))
                {
                    return path;
                }

                if (visited.Add(item) && Walk(item) is { } found)
                {
                    return found;
                }

                path.RemoveAt(path.Count - 1);
            }

            return null;
        }
    }
}
