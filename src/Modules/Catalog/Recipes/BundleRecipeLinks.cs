using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Recipes;

/// <summary>
/// The <c>bundle</c> fields of a products step: checked against the step and the shop together (a bundle may name a
/// product defined later in the file, or one already in the shop), and staged once every product of the step is.
/// </summary>
internal sealed class BundleRecipeLinks(StorefrontDbContext db)
{
    /// <summary>Names every unknown or archived slug and every cycle; the step's bundles replace the shop's for its slugs.</summary>
    public async Task CheckAsync(RecipeStepContext step, IReadOnlyList<(int Index, string Slug, IReadOnlyList<string> Bundle)> items,
        CancellationToken cancellationToken)
    {
        var shop = await db.Set<Product>().AsNoTracking().Select(p => new { p.Id, p.Slug, p.ArchivedAt }).ToListAsync(cancellationToken);
        var slugOf = shop.ToDictionary(p => p.Id, p => p.Slug);
        var contents = (await db.Set<BundleItem>().AsNoTracking().ToListAsync(cancellationToken))
            .Where(b => slugOf.ContainsKey(b.BundleId) && slugOf.ContainsKey(b.ItemId))
            .GroupBy(b => slugOf[b.BundleId])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(b => b.Position).Select(b => slugOf[b.ItemId]).ToList(), StringComparer.Ordinal);
        var inStep = items.Select(i => i.Slug).ToHashSet(StringComparer.Ordinal);
        var archived = shop.Where(p => p.ArchivedAt != null && !inStep.Contains(p.Slug)).Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);
        var known = shop.Select(p => p.Slug).Concat(inStep).ToHashSet(StringComparer.Ordinal);
        foreach (var item in items)
        {
            contents[item.Slug] = item.Bundle;
            for (var i = 0; i < item.Bundle.Count; i++)
            {
                var slug = item.Bundle[i];
                var problem = slug == item.Slug ? "a bundle cannot contain itself"
                    : !known.Contains(slug) ? $"no product has the slug '{slug}', in this step or in the shop"
                    : archived.Contains(slug) ? $"'{slug}' is archived and cannot be sold in a bundle"
                    : null;
                if (problem is not null)
                {
                    step.Error($"products[{item.Index}].bundle[{i}]", problem);
                }
            }
        }

        foreach (var item in items.Where(i => i.Bundle.Count > 0 && !i.Bundle.Contains(i.Slug)))
        {
            if (BundleCycles.Find(item.Slug, contents) is { } cycle)
            {
                step.Error($"products[{item.Index}].bundle", $"a bundle cannot contain a bundle that contains it: {string.Join(" → ", cycle)}");
            }
        }
    }

    /// <summary>Stages each product's contents as the step lists them; returns how many products' contents changed.</summary>
    public async Task<int> StageAsync(IReadOnlyList<(string Slug, IReadOnlyList<string> Bundle)> items, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var (slug, bundle) in items)
        {
            var product = await FindAsync(slug, cancellationToken);
            var wanted = new List<Guid>();
            foreach (var itemSlug in bundle)
            {
                wanted.Add((await FindAsync(itemSlug, cancellationToken)).Id);
            }

            changed += await BundleContents.StageAsync(db, product.Id, wanted, cancellationToken) ? 1 : 0;
        }

        return changed;
    }

    // Products of this step may be staged and not yet saved: the unit of work knows them before the database does.
    private async Task<Product> FindAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<Product>().Local.FirstOrDefault(p => p.Slug == slug)
        ?? await db.Set<Product>().FirstAsync(p => p.Slug == slug, cancellationToken);
}
