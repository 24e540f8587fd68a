using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Recipes;

/// <summary>
/// <c>{ "name": "pages", "pages": [ { "slug", "title", "body", "published", "order" } ] }</c>, with the optional SEO fields
/// of <see cref="SeoRecipeFields"/>.
/// Pages are matched by slug, so importing the same recipe again changes nothing.
/// </summary>
internal sealed class PagesRecipeStep(StorefrontDbContext db, TimeProvider clock) : ItemsRecipeStep<PagesRecipeStep.PageItem>
{
    public override string Name => "pages";

    protected override async Task<bool> ApplyAsync(PageItem item, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var page = await db.Set<ContentPage>().FirstOrDefaultAsync(p => p.Slug == item.Slug, cancellationToken);
        if (page is null)
        {
            page = new ContentPage { Slug = item.Slug, Title = item.Title, CreatedAt = now, UpdatedAt = now };
            db.Add(page);
        }

        page.Title = item.Title;
        page.Body = item.Body;
        page.Published = item.Published;
        page.NavigationOrder = item.Order;
        item.Seo.ApplyTo(page);
        if (!Changed(db, page))
        {
            return false;
        }

        page.UpdatedAt = now;
        return true;
    }

    protected override List<PageItem> Read(RecipeStepContext step)
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        return step.Items("pages", "pages", (element, at, index) =>
        {
            var slug = CatalogRecipeFields.Slug(step, element, at, slugs, "page");
            var title = CatalogRecipeFields.Title(step, element, at);
            var body = step.OptionalString(element, "body", at + ".body") ?? "";
            if (LongTexts.Problem("page's text", body) is { } tooLong)
            {
                step.Error(at + ".body", tooLong);
            }

            var published = step.Boolean(element, "published", at + ".published") ?? true;
            var order = step.Integer(element, "order", at + ".order", required: false, 0, 10_000) ?? index;
            var seo = SeoRecipeFields.Read(step, element, at);
            return slug is null || title is null ? null : new PageItem(slug, title, body, published, (int)order, seo);
        });
    }

    internal sealed record PageItem(string Slug, string Title, string Body, bool Published, int Order, SeoFields Seo);
}
