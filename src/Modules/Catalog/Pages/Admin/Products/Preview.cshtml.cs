using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Core.Content;

namespace Storefront.Catalog.Pages.Admin.Products;

/// <summary>The storefront's product page for any product, drafts included, for editors only.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class PreviewModel(ProductEditor editor, MarkdownRenderer markdown, IImageLibrary images) : PageModel
{
    public ProductArticle Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var product = await editor.FindAsync(id, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }

        // A preview must never be cached by a proxy or indexed: the product may not be public yet.
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        var cover = product.CoverKey is null ? null : (await images.ResponsiveAsync([product.CoverKey], cancellationToken)).GetValueOrDefault(product.CoverKey);
        Article = new ProductArticle(product, markdown.ToHtml(product.Description), ShowActions: false) { Cover = cover };
        return Page();
    }
}
