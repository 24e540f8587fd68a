using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Taxonomies;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Taxonomies;

/// <summary>What the taxonomy tests ask of the admin forms and the database.</summary>
internal static class TaxonomyAdmin
{
    public static Task<Guid> IdOfAsync(StorefrontApp app, string slug, string kind = TermKinds.Category) =>
        app.WithDbAsync(db => db.Set<TaxonomyTerm>().Where(t => t.Kind == kind && t.Slug == slug).Select(t => t.Id).SingleAsync());

    public static Task<Guid> ProductIdAsync(StorefrontApp app, string slug) =>
        app.WithDbAsync(db => db.Set<Product>().Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

    /// <summary>The product's terms as "kind:slug", sorted.</summary>
    public static Task<List<string>> TermsOfAsync(StorefrontApp app, Guid productId) => app.WithDbAsync(db =>
        db.Set<TaxonomyTerm>().Where(t => db.Set<ProductTerm>().Any(l => l.ProductId == productId && l.TermId == t.Id))
            .Select(t => t.Kind + ":" + t.Slug).OrderBy(s => s).ToListAsync());

    /// <summary>Posts the term form; returns the saved term's id, or null with the page that named the problems.</summary>
    public static async Task<(Guid? Id, string Page)> SaveAsync(SignedInEditor editor, string kind, string name, string? slug = null, Guid? parent = null,
        Guid? id = null, string description = "")
    {
        var path = id is null ? $"/admin/taxonomies/new?kind={kind}" : $"/admin/taxonomies/{id}";
        var response = await editor.PostFormAsync(path, new()
        {
            ["kind"] = kind, ["Input.Name"] = name, ["Input.Slug"] = slug ?? "", ["Input.ParentId"] = parent?.ToString() ?? "",
            ["Input.Description"] = description, ["Input.Position"] = "0",
        });
        var page = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.Redirect
            ? (Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]), page)
            : (null, page);
    }
}
