using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Fields;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Catalog.Versions;
using Storefront.Core.Content;

namespace Storefront.Catalog.Pages.Admin.Products;

/// <summary>The storefront's product page for any product, drafts included, for editors only.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class PreviewModel(ProductEditor editor, MarkdownRenderer markdown, IImageLibrary images, ProductDrafts drafts) : PageModel
{
    /// <summary>The draft shown instead of the live product, when one is waiting.</summary>
    public ProductVersion? Draft { get; private set; }

    public ProductArticle Article { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, [FromServices] FieldDisplays fieldDisplays, CancellationToken cancellationToken)
    {
        var live = await editor.FindAsync(id, cancellationToken);
        if (live is null)
        {
            return NotFound();
        }

        Draft = await drafts.PendingAsync(live, cancellationToken);
        var product = await drafts.EditedAsync(live, cancellationToken);

        // A preview must never be cached by a proxy or indexed: the product may not be public yet.
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        var cover = product.CoverKey is null ? null : (await images.ResponsiveAsync([product.CoverKey], cancellationToken)).GetValueOrDefault(product.CoverKey);
        // A draft cannot change field values (they are not versioned), so the stored ones are what buyers will see.
        Article = new ProductArticle(product, markdown.ToHtml(product.Description), ShowActions: false)
        {
            Cover = cover, Fields = await fieldDisplays.ForAsync(ContentKinds.Product, product.Id, cancellationToken),
        };
        return Page();
    }
}
