using Microsoft.AspNetCore.OutputCaching;
using Storefront.Core.Caching;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;

namespace Storefront.Catalog.Pages.Pages;

[OutputCache(PolicyName = PageCache.PolicyName)]
public sealed class ShowModel(PageCatalog pages, MarkdownRenderer markdown) : PageModel
{
    public ContentPage Item { get; private set; } = null!;

    public string BodyHtml { get; private set; } = "";

    public string Summary { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var page = Slugs.IsValid(slug) ? await pages.FindPublishedAsync(slug, cancellationToken) : null;
        if (page is null)
        {
            return NotFound();
        }

        Item = page;
        BodyHtml = markdown.ToHtml(page.Body);
        Summary = markdown.ToPlainText(page.Body);
        return Page();
    }
}
