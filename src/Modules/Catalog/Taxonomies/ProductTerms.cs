using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Taxonomies;

/// <summary>
/// A product's categories and tags as its admin form edits them: checked with the rest of the form, then staged in the
/// form's own save so a refused form changes no membership.
/// </summary>
public sealed class ProductTerms(StorefrontDbContext db, TimeProvider clock)
{
    public async Task<ProductTermsForm> FormForAsync(Guid productId, CancellationToken cancellationToken)
    {
        var terms = await db.Set<TaxonomyTerm>().AsNoTracking()
            .Where(t => db.Set<ProductTerm>().Any(l => l.ProductId == productId && l.TermId == t.Id)).ToListAsync(cancellationToken);
        return new ProductTermsForm
        {
            CategoryIds = [.. terms.Where(t => t.Kind == TermKinds.Category).Select(t => t.Id)],
            Tags = string.Join(", ", terms.Where(t => t.Kind == TermKinds.Tag).OrderBy(t => t.Name).Select(t => t.Name)),
        };
    }

    /// <summary>Reports each problem through <paramref name="error"/> (field under the form, message).</summary>
    public async Task CheckAsync(ProductTermsForm form, Action<string, string> error, CancellationToken cancellationToken)
    {
        var ids = form.CategoryIds.Distinct().ToList();
        var found = await db.Set<TaxonomyTerm>().CountAsync(t => t.Kind == TermKinds.Category && ids.Contains(t.Id), cancellationToken);
        if (found != ids.Count)
        {
            error("Terms.CategoryIds", "A chosen category no longer exists (someone may have deleted it): check the categories again.");
        }

        var names = form.TagNames();
        if (names.Count > ProductTermsForm.MaxTags)
        {
            error("Terms.Tags", $"A product may have at most {ProductTermsForm.MaxTags} tags (it has {names.Count}).");
        }

        foreach (var name in names)
        {
            if (name.Length > TermKinds.NameLength)
            {
                error("Terms.Tags", $"The tag “{name[..20]}…” is longer than {TermKinds.NameLength} characters.");
            }
            else if (Slugs.From(name).Length == 0)
            {
                error("Terms.Tags", $"The tag “{name}” needs at least one letter or digit to make its address.");
            }
        }
    }

    /// <summary>Stages the product's membership as the (checked) form lists it, creating tags that do not exist yet.</summary>
    public async Task StageAsync(Product product, ProductTermsForm form, CancellationToken cancellationToken)
    {
        var wanted = form.CategoryIds.ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var tags = await db.Set<TaxonomyTerm>().Where(t => t.Kind == TermKinds.Tag).ToListAsync(cancellationToken);
        foreach (var name in form.TagNames())
        {
            var slug = Slugs.From(name);
            var tag = tags.FirstOrDefault(t => t.Slug == slug);
            if (tag is null)
            {
                tag = db.Add(new TaxonomyTerm { Kind = TermKinds.Tag, Slug = slug, Name = name, CreatedAt = now, UpdatedAt = now }).Entity;
                tags.Add(tag);
            }

            wanted.Add(tag.Id);
        }

        await StageLinksAsync(db, product.Id, wanted, cancellationToken);
    }

    /// <summary>Makes the product's links exactly <paramref name="wanted"/>; returns whether anything changed.</summary>
    internal static async Task<bool> StageLinksAsync(StorefrontDbContext db, Guid productId, IReadOnlySet<Guid> wanted, CancellationToken cancellationToken)
    {
        var links = await db.Set<ProductTerm>().Where(l => l.ProductId == productId).ToListAsync(cancellationToken);
        var stale = links.Where(l => !wanted.Contains(l.TermId)).ToList();
        var added = wanted.Except(links.Select(l => l.TermId)).ToList();
        db.RemoveRange(stale);
        foreach (var termId in added)
        {
            db.Add(new ProductTerm { ProductId = productId, TermId = termId });
        }

        return stale.Count + added.Count > 0;
    }
}
