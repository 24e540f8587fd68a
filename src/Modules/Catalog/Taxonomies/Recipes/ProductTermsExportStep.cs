using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Taxonomies.Recipes;

/// <summary>Adds <c>categories</c> and <c>tags</c> (slugs) to each product the products export wrote, as <see cref="ProductTermsRecipeStep"/> reads them.</summary>
internal sealed class ProductTermsExportStep(StorefrontDbContext db) : IRecipeExportStep
{
    public string Name => "products";

    // Right after the products export, which writes the items these fields join.
    public int Order => 301;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        if (export.ItemCount(Name) == 0)
        {
            return;
        }

        var links = await (from link in db.Set<ProductTerm>().AsNoTracking()
                           join product in db.Set<Product>() on link.ProductId equals product.Id
                           join term in db.Set<TaxonomyTerm>() on link.TermId equals term.Id
                           orderby term.Slug
                           select new { Product = product.Slug, term.Kind, term.Slug }).ToListAsync(cancellationToken);
        var byProduct = links.ToLookup(l => l.Product);
        foreach (var item in export.Step(Name)[Name]!.AsArray().OfType<JsonObject>())
        {
            var terms = byProduct[(string)item["slug"]!].ToList();
            foreach (var (field, kind) in new[] { ("categories", TermKinds.Category), ("tags", TermKinds.Tag) })
            {
                if (terms.Where(t => t.Kind == kind).Select(t => JsonValue.Create(t.Slug)).ToList() is { Count: > 0 } slugs)
                {
                    item[field] = new JsonArray([.. slugs]);
                }
            }
        }
    }
}
