using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Recipes;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Taxonomies.Recipes;

/// <summary>
/// <c>{ "name": "taxonomies", "categories": [ { "slug", "name", "parent", "description", "order" } ], "tags": [ { "slug", "name",
/// "description", "order" } ] }</c>, each with the optional SEO fields of <see cref="SeoRecipeFields"/>. A category's
/// <c>parent</c> is the slug of a category in this step or in the shop. Terms are matched by kind and slug, so importing the
/// same recipe again changes nothing; terms the recipe does not name are left as they are.
/// </summary>
internal sealed class TaxonomiesRecipeStep(StorefrontDbContext db, TimeProvider clock) : ItemsRecipeStep<TaxonomiesRecipeStep.TermItem>
{
    public const string StepName = "taxonomies";

    public override string Name => StepName;

    public override async Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var items = Read(step);
        var shop = await db.Set<TaxonomyTerm>().AsNoTracking().Where(t => t.Kind == TermKinds.Category).ToListAsync(cancellationToken);
        var shopById = shop.ToDictionary(t => t.Id);
        // The tree as it will be: the shop's categories, with this step's parents in place of theirs.
        var parentOf = shop.ToDictionary(t => t.Slug, t => t.ParentId is { } p && shopById.TryGetValue(p, out var up) ? up.Slug : null, StringComparer.Ordinal);
        var categories = items.Where(i => i.Kind == TermKinds.Category).ToList();
        foreach (var item in categories)
        {
            parentOf[item.Slug] = item.Parent;
        }

        foreach (var item in categories.Where(i => i.Parent is not null))
        {
            if (!parentOf.ContainsKey(item.Parent!))
            {
                step.Error(item.At + ".parent", $"no category has the slug '{item.Parent}', in this step or in the shop");
            }
            else if (TaxonomyTree.Loop(item.Slug, item.Parent, slug => parentOf.GetValueOrDefault(slug)) is { } loop)
            {
                step.Error(item.At + ".parent", $"'{item.Slug}' cannot sit under '{item.Parent}', which is inside it: {string.Join(" → ", loop.AsEnumerable().Reverse())}");
            }
        }
    }

    protected override async Task<bool> ApplyAsync(TermItem item, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var term = await db.Set<TaxonomyTerm>().FirstOrDefaultAsync(t => t.Kind == item.Kind && t.Slug == item.Slug, cancellationToken);
        if (term is null)
        {
            term = new TaxonomyTerm { Kind = item.Kind, Slug = item.Slug, Name = item.Name, CreatedAt = now, UpdatedAt = now };
            db.Add(term);
        }

        (term.Name, term.Description, term.Position) = (item.Name, item.Description, item.Order);
        item.Seo.ApplyTo(term);
        if (!Changed(db, term))
        {
            return false;
        }

        term.UpdatedAt = now;
        return true;
    }

    protected override async Task<int> LinkAsync(List<TermItem> items, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var item in items.Where(i => i.Kind == TermKinds.Category))
        {
            var term = await CategoryAsync(item.Slug, cancellationToken);
            var parentId = item.Parent is null ? (Guid?)null : (await CategoryAsync(item.Parent, cancellationToken)).Id;
            if (term.ParentId != parentId)
            {
                changed += db.Entry(term).State == EntityState.Added ? 0 : 1;
                (term.ParentId, term.UpdatedAt) = (parentId, clock.GetUtcNow().UtcDateTime);
            }
        }

        return changed;
    }

    // Categories of this step are staged and not yet saved: the unit of work knows them before the database does.
    private async Task<TaxonomyTerm> CategoryAsync(string slug, CancellationToken cancellationToken) =>
        db.Set<TaxonomyTerm>().Local.FirstOrDefault(t => t.Kind == TermKinds.Category && t.Slug == slug)
        ?? await db.Set<TaxonomyTerm>().FirstAsync(t => t.Kind == TermKinds.Category && t.Slug == slug, cancellationToken);

    protected override List<TermItem> Read(RecipeStepContext step)
    {
        if (!step.Element.TryGetProperty("categories", out _) && !step.Element.TryGetProperty("tags", out _))
        {
            step.Error("categories", "the step needs a 'categories' or a 'tags' array (or both)");
            return [];
        }

        return [.. ReadKind(step, "categories", TermKinds.Category), .. ReadKind(step, "tags", TermKinds.Tag)];
    }

    private static List<TermItem> ReadKind(RecipeStepContext step, string field, string kind)
    {
        if (!step.Element.TryGetProperty(field, out _))
        {
            return [];
        }

        var slugs = new HashSet<string>(StringComparer.Ordinal);
        return step.Items(field, field, (element, at, index) =>
        {
            var slug = CatalogRecipeFields.Slug(step, element, at, slugs, TermKinds.Label(kind));
            var name = step.RequiredString(element, "name", at + ".name");
            if (name is { Length: > TermKinds.NameLength })
            {
                step.Error(at + ".name", $"must be at most {TermKinds.NameLength} characters");
                name = null;
            }

            var description = (step.OptionalString(element, "description", at + ".description") ?? "").Trim();
            if (description.Length > TermKinds.DescriptionLength)
            {
                step.Error(at + ".description", $"must be at most {TermKinds.DescriptionLength} characters");
            }

            string? parent = null;
            if (kind == TermKinds.Category)
            {
                parent = step.OptionalString(element, "parent", at + ".parent")?.Trim();
                if (parent is { Length: 0 })
                {
                    parent = null;
                }
                else if (parent is not null && parent == slug)
                {
                    step.Error(at + ".parent", $"'{slug}' cannot be its own parent");
                    parent = null;
                }
            }
            else if (element.TryGetProperty("parent", out _))
            {
                step.Error(at + ".parent", "tags have no parent: only categories form a tree");
            }

            var order = step.Integer(element, "order", at + ".order", required: false, 0, 10_000) ?? index;
            var seo = SeoRecipeFields.Read(step, element, at);
            return slug is null || name is null ? null : new TermItem(kind, at, slug, name, parent, description, (int)order, seo);
        });
    }

    internal sealed record TermItem(string Kind, string At, string Slug, string Name, string? Parent, string Description, int Order, SeoFields Seo);
}
