using Microsoft.AspNetCore.OutputCaching;
using Storefront.Core.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Catalog.Fields;
using Storefront.Core.Display;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Models;
using Storefront.Core.Settings;
using Storefront.Catalog.Services;

namespace Storefront.Catalog.Pages.Pages;

[OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class ShowModel(PageCatalog pages, MarkdownRenderer markdown, IOptions<SiteOptions> site, SlugRedirects redirects) : PageModel
{
    public ContentPage Item { get; private set; } = null!;

    public string BodyHtml { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public SeoHead Seo { get; private set; } = null!;

    public IReadOnlyList<FieldDisplay> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, [FromServices] FieldDisplays fieldDisplays, CancellationToken cancellationToken)
    {
        var page = Slugs.IsValid(slug) ? await pages.FindPublishedAsync(slug, cancellationToken) : null;
        if (page is null)
        {
            return Slugs.IsValid(slug) && await redirects.CurrentSlugAsync(SlugRedirectKinds.Page, slug, cancellationToken) is { } current
                ? RedirectPermanent("/pages/" + current)
                : NotFound();
        }

        Item = page;
        BodyHtml = markdown.ToHtml(page.Body);
        Fields = await fieldDisplays.ForAsync(ContentKinds.Page, page.Id, cancellationToken);
        Summary = markdown.ToPlainText(page.Body);
        Seo = SeoHead.For(page, page.Title, Summary, site.Value.OriginFor(Request), "/pages/" + page.Slug, null, "article");
        return Page();
    }
}
