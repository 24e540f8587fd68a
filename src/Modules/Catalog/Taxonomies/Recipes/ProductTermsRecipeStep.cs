using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Taxonomies.Recipes;

/// <summary>
/// The <c>categories</c> and <c>tags</c> fields of each item of the <c>products</c> step: lists of slugs of terms in the
/// shop or in a <c>taxonomies</c> step earlier in the recipe. A product's membership becomes exactly what it lists (none
/// when the fields are left out), so an import says the whole of it. It runs after the products themselves are staged.
/// </summary>
internal sealed class ProductTermsRecipeStep(StorefrontDbContext db) : IRecipeStep
{
    public string Name => "products";

    public async Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var items = Read(step);
        if (items.All(i => i.Terms.Count == 0))
        {
            return;
        }

        var shop = await db.Set<TaxonomyTerm>().AsNoTracking().Select(t => new { t.Kind, t.Slug }).ToListAsync(cancellationToken);
        var known = shop.Select(t => (t.Kind, t.Slug)).ToHashSet();
        var earlier = RecipeTerms(step, before: true);
        var later = RecipeTerms(step, before: false);
        foreach (var item in items)
        {
            foreach (var (kind, slug, at) in item.Terms)
            {
                if (known.Contains((kind, slug)) || earlier.Contains((kind, slug)))
                {
                    continue;
                }

                step.Error(at, later.Contains((kind, slug))
                    ? $"the {TermKinds.Label(kind)} '{slug}' is defined in a 'taxonomies' step after this one: put that step before the products"
                    : $"no {TermKinds.Label(kind)} has the slug '{slug}', in the shop or in a 'taxonomies' step of this recipe");
            }
        }
    }

    public async Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var terms = (await db.Set<TaxonomyTerm>().AsNoTracking().Select(t => new { t.Id, t.Kind, t.Slug }).ToListAsync(cancellationToken))
            .ToDictionary(t => (t.Kind, t.Slug), t => t.Id);
        var changed = 0;
        foreach (var item in Read(step))
        {
            var product = await db.Set<Product>().AsNoTracking().FirstAsync(p => p.Slug == item.Slug, cancellationToken);
            var wanted = item.Terms.Select(t => terms[(t.Kind, t.Slug)]).ToHashSet();
            changed += await ProductTerms.StageLinksAsync(db, product.Id, wanted, cancellationToken) ? 1 : 0;
        }

        return changed;
    }

    /// <summary>The products (by slug) and the terms each lists; the products step itself reports a bad product.</summary>
    private static List<ProductItem> Read(RecipeStepContext step)
    {
        var items = new List<ProductItem>();
        if (!step.Element.TryGetProperty("products", out var products) || products.ValueKind != JsonValueKind.Array)
        {
            return items;
        }

        var index = 0;
        foreach (var product in products.EnumerateArray())
        {
            var at = $"products[{index++}]";
            if (product.ValueKind != JsonValueKind.Object || !product.TryGetProperty("slug", out var slug) || slug.ValueKind != JsonValueKind.String
                || !Slugs.IsValid(slug.GetString()!.Trim()))
            {
                continue;
            }

            var terms = new List<(string, string, string)>();
            ReadSlugs(step, product, at, "categories", TermKinds.Category, terms);
            ReadSlugs(step, product, at, "tags", TermKinds.Tag, terms);
            items.Add(new ProductItem(slug.GetString()!.Trim(), terms));
        }

        return items;
    }

    private static void ReadSlugs(RecipeStepContext step, JsonElement product, string at, string field, string kind, List<(string, string, string)> terms)
    {
        if (!product.TryGetProperty(field, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            step.Error($"{at}.{field}", $"must be an array of {TermKinds.Label(kind)} slugs");
            return;
        }

        var i = 0;
        foreach (var value in list.EnumerateArray())
        {
            var path = $"{at}.{field}[{i++}]";
            if (value.ValueKind != JsonValueKind.String || !Slugs.IsValid(value.GetString()))
            {
                step.Error(path, $"must be the slug of a {TermKinds.Label(kind)}: lower-case letters, digits and hyphens");
            }
            else if (!terms.Any(t => t.Item1 == kind && t.Item2 == value.GetString()))
            {
                terms.Add((kind, value.GetString()!, path));
            }
        }
    }

    /// <summary>The terms the recipe's <c>taxonomies</c> steps before (or after) this one define.</summary>
    private static HashSet<(string Kind, string Slug)> RecipeTerms(RecipeStepContext step, bool before)
    {
        var found = new HashSet<(string, string)>();
        if (step.Recipe.ValueKind != JsonValueKind.Object || !step.Recipe.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
        {
            return found;
        }

        var index = 0;
        foreach (var other in steps.EnumerateArray())
        {
            if ((index++ < step.Index) == before && other.ValueKind == JsonValueKind.Object
                && other.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == TaxonomiesRecipeStep.StepName)
            {
                foreach (var (field, kind) in new[] { ("categories", TermKinds.Category), ("tags", TermKinds.Tag) })
                {
                    if (other.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var term in list.EnumerateArray())
                        {
                            if (term.ValueKind == JsonValueKind.Object && term.TryGetProperty("slug", out var slug) && slug.ValueKind == JsonValueKind.String)
                            {
                                found.Add((kind, slug.GetString()!.Trim()));
                            }
                        }
                    }
                }
            }
        }

        return found;
    }

    private sealed record ProductItem(string Slug, List<(string Kind, string Slug, string At)> Terms);
}
