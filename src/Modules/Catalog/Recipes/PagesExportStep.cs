using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Recipes;

/// <summary>The <c>pages</c> step, as <see cref="PagesRecipeStep"/> reads it, in navigation order.</summary>
internal sealed class PagesExportStep(StorefrontDbContext db) : IRecipeExportStep
{
    public string Name => "pages";

    public int Order => 400;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        foreach (var page in await db.Set<ContentPage>().AsNoTracking().OrderBy(p => p.NavigationOrder).ThenBy(p => p.Slug).ToListAsync(cancellationToken))
        {
            var item = new JsonObject
            {
                ["slug"] = page.Slug,
                ["title"] = page.Title,
                ["body"] = export.Relink(page.Body),
                ["published"] = page.Published,
                ["order"] = page.NavigationOrder,
            };
            SeoRecipeFields.Write(item, page);
            export.AddItem(Name, item);
        }
    }
}
