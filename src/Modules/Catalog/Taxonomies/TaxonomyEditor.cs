using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.Taxonomies;

/// <summary>Creates, moves and removes categories and tags for the admin; every change is audited in the same save.</summary>
public sealed class TaxonomyEditor(StorefrontDbContext db, AuditLog audit, TimeProvider clock)
{
    public Task<TaxonomyTerm?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<TaxonomyTerm>().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>Saves the form, or reports each problem through <paramref name="error"/> (field, message) and returns null.</summary>
    public async Task<TaxonomyTerm?> SaveAsync(TaxonomyTerm? term, string kind, TermForm form, Action<string, string> error, CancellationToken cancellationToken)
    {
        var failed = false;
        void report(string field, string message)
        {
            failed = true;
            error(field, message);
        }

        var label = TermKinds.Label(kind);
        var name = form.Name.Trim();
        if (name.Length is 0 or > TermKinds.NameLength)
        {
            report(nameof(form.Name), $"Enter a name of at most {TermKinds.NameLength} characters.");
        }

        var slug = string.IsNullOrWhiteSpace(form.Slug) ? Slugs.From(name) : form.Slug.Trim();
        if (!Slugs.IsValid(slug))
        {
            var suggestion = Slugs.From(slug) is { Length: > 0 } made ? made : "my-" + label;
            report(nameof(form.Slug), $"The slug may hold only lower-case letters, digits and single hyphens, such as '{suggestion}'.");
        }
        else if (await db.Set<TaxonomyTerm>().AsNoTracking().FirstOrDefaultAsync(
            t => t.Kind == kind && t.Slug == slug && t.Id != (term == null ? Guid.Empty : term.Id), cancellationToken) is { } other)
        {
            report(nameof(form.Slug), $"The slug '{slug}' is already used by the {label} “{other.Name}”. Choose another.");
        }

        var description = (form.Description ?? "").Trim();
        if (description.Length > TermKinds.DescriptionLength)
        {
            report(nameof(form.Description), $"The description may be at most {TermKinds.DescriptionLength} characters (it has {description.Length}).");
        }

        var parentId = kind == TermKinds.Category ? form.ParentId : null;
        if (parentId is { } wanted && await ParentProblemAsync(term, wanted, cancellationToken) is { } problem)
        {
            report(nameof(form.ParentId), problem);
        }

        form.Seo.Check((field, message) => report($"{nameof(form.Seo)}.{field}", message));
        if (failed)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var isNew = term is null;
        term ??= db.Add(new TaxonomyTerm { Kind = kind, Slug = slug, Name = name, CreatedAt = now, UpdatedAt = now }).Entity;
        var moved = !isNew && term.ParentId != parentId;
        (term.Name, term.Slug, term.Description, term.ParentId, term.Position, term.UpdatedAt) = (name, slug, description, parentId, form.Position, now);
        form.Seo.ApplyTo(term);
        audit.Record(isNew ? $"{label}.created" : $"{label}.updated", $"{label} {slug}", moved ? "moved in the tree" : null);
        await db.SaveChangesAsync(cancellationToken);
        return term;
    }

    /// <summary>Why the category cannot sit under <paramref name="parentId"/>, or null when it can.</summary>
    private async Task<string?> ParentProblemAsync(TaxonomyTerm? term, Guid parentId, CancellationToken cancellationToken)
    {
        var categories = await db.Set<TaxonomyTerm>().AsNoTracking().Where(t => t.Kind == TermKinds.Category).ToListAsync(cancellationToken);
        var byId = categories.ToDictionary(t => t.Id);
        if (!byId.TryGetValue(parentId, out var parent))
        {
            return "The chosen parent category no longer exists. Choose another.";
        }

        if (term is null)
        {
            return null;
        }

        if (parent.Id == term.Id)
        {
            return $"“{term.Name}” cannot be its own parent.";
        }

        var bySlug = categories.ToDictionary(t => t.Slug);
        var loop = TaxonomyTree.Loop(term.Slug, parent.Slug,
            slug => bySlug[slug].ParentId is { } up && byId.TryGetValue(up, out var above) ? above.Slug : null);
        return loop is null ? null
            : $"“{term.Name}” cannot go under “{parent.Name}”: “{parent.Name}” is inside “{term.Name}” ({string.Join(" → ", loop.AsEnumerable().Reverse().Select(s => bySlug[s].Name))}), which would make a loop.";
    }

    /// <summary>How many categories sit directly under the term and how many products belong to it.</summary>
    public async Task<(int Children, int Products)> UsageAsync(TaxonomyTerm term, CancellationToken cancellationToken) => (
        await db.Set<TaxonomyTerm>().CountAsync(t => t.ParentId == term.Id, cancellationToken),
        await db.Set<ProductTerm>().CountAsync(l => l.TermId == term.Id && db.Set<Product>().Any(p => p.Id == l.ProductId), cancellationToken));

    /// <summary>
    /// Removes the term and its product links (the products stay); a category's children move up to its own parent, so no
    /// branch of the tree is lost with it.
    /// </summary>
    public async Task DeleteAsync(TaxonomyTerm term, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var child in await db.Set<TaxonomyTerm>().Where(t => t.ParentId == term.Id).ToListAsync(cancellationToken))
        {
            (child.ParentId, child.UpdatedAt) = (term.ParentId, now);
        }

        db.RemoveRange(await db.Set<ProductTerm>().Where(l => l.TermId == term.Id).ToListAsync(cancellationToken));
        db.Remove(term);
        var label = TermKinds.Label(term.Kind);
        audit.Record($"{label}.deleted", $"{label} {term.Slug}");
        await db.SaveChangesAsync(cancellationToken);
    }
}
