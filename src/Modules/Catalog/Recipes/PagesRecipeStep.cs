using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Recipes;

/// <summary>
/// <c>{ "name": "pages", "pages": [ { "slug", "title", "body", "published", "order" } ] }</c>.
/// Pages are matched by slug, so importing the same recipe again changes nothing.
/// </summary>
internal sealed class PagesRecipeStep(StorefrontDbContext db) : IRecipeStep
{
    public string Name => "pages";

    public Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        Read(step);
        return Task.CompletedTask;
    }

    public async Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var changes = 0;
        foreach (var item in Read(step))
        {
            var page = await db.Set<ContentPage>().FirstOrDefaultAsync(p => p.Slug == item.Slug, cancellationToken);
            if (page is null)
            {
                page = new ContentPage { Slug = item.Slug, Title = item.Title };
                db.Add(page);
            }

            page.Title = item.Title;
            page.Body = item.Body;
            page.Published = item.Published;
            page.NavigationOrder = item.Order;
            if (db.Entry(page).State == EntityState.Added || db.Entry(page).Properties.Any(p => p.IsModified))
            {
                page.UpdatedAt = DateTime.UtcNow;
                changes++;
            }
        }

        return changes;
    }

    private static List<PageItem> Read(RecipeStepContext step)
    {
        var items = new List<PageItem>();
        if (!step.Element.TryGetProperty("pages", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            step.Error("pages", "is required and must be an array of pages");
            return items;
        }

        var slugs = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var at = $"pages[{index}]";
            var order = index++;
            if (element.ValueKind != JsonValueKind.Object)
            {
                step.Error(at, "must be an object");
                continue;
            }

            var slug = step.RequiredString(element, "slug", at + ".slug");
            if (slug is not null && !Slugs.IsValid(slug))
            {
                step.Error(at + ".slug", $"'{slug}' must be lower-case letters, digits and hyphens (at most {Slugs.MaxLength}), e.g. '{Slugs.From(slug)}'");
                slug = null;
            }
            else if (slug is not null && !slugs.Add(slug))
            {
                step.Error(at + ".slug", $"duplicate slug '{slug}': each page needs its own");
                slug = null;
            }

            var title = step.RequiredString(element, "title", at + ".title");
            if (title is { Length: > 200 })
            {
                step.Error(at + ".title", "must be at most 200 characters");
                title = null;
            }

            var body = step.OptionalString(element, "body", at + ".body") ?? "";
            var published = step.Boolean(element, "published", at + ".published") ?? true;
            var position = step.Integer(element, "order", at + ".order", required: false, 0, 10_000) ?? order;
            if (slug is not null && title is not null)
            {
                items.Add(new PageItem(slug, title, body, published, (int)position));
            }
        }

        return items;
    }

    private sealed record PageItem(string Slug, string Title, string Body, bool Published, int Order);
}
