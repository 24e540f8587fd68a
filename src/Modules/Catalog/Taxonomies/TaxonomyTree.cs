namespace Storefront.Catalog.Taxonomies;

/// <summary>The category tree as an editor and a visitor read it: depth first, siblings by position then name.</summary>
public static class TaxonomyTree
{
    public static IReadOnlyList<(TaxonomyTerm Term, int Depth)> Flatten(IReadOnlyCollection<TaxonomyTerm> terms)
    {
        var known = terms.Select(t => t.Id).ToHashSet();
        // A parent that is gone (or a loop the database was left with) must not hide its children: they show at the top.
        var children = terms.ToLookup(t => t.ParentId is { } p && known.Contains(p) ? t.ParentId : null);
        var result = new List<(TaxonomyTerm, int)>(terms.Count);
        var seen = new HashSet<Guid>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var term in children[parent].OrderBy(t => t.Position).ThenBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase))
            {
                if (seen.Add(term.Id))
                {
                    result.Add((term, depth));
                    Walk(term.Id, depth + 1);
                }
            }
        }

        Walk(null, 0);
        foreach (var stray in terms.Where(t => !seen.Contains(t.Id)))
        {
            result.Add((stray, 0));
        }

        return result;
    }

    /// <summary>The term and everything beneath it.</summary>
    public static HashSet<Guid> SelfAndDescendants(Guid id, IReadOnlyCollection<TaxonomyTerm> terms)
    {
        var children = terms.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value, t => t.Id);
        var found = new HashSet<Guid> { id };
        var queue = new Queue<Guid>([id]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var child in children[next].Where(found.Add))
            {
                queue.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>
    /// The categories (by slug) from <paramref name="parent"/> up to <paramref name="category"/> when putting the category
    /// under that parent would close a loop, or null when it is safe. <paramref name="parentOf"/> gives each slug's parent.
    /// </summary>
    public static List<string>? Loop(string category, string? parent, Func<string, string?> parentOf)
    {
        var path = new List<string>();
        for (var at = parent; at is not null && !path.Contains(at); at = parentOf(at))
        {
            path.Add(at);
            if (at == category)
            {
                return path;
            }
        }

        return null;
    }
}
