using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;

namespace Storefront.Catalog.Pages.Admin.Products;

/// <summary>A confirmation page, so deleting works (and asks) without script.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class DeleteModel(ProductEditor editor) : PageModel
{
    public Product Product { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var product = await editor.FindAsync(id, cancellationToken);
        if (product is null)
        {
            return NotFound();
        }

        Product = product;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var product = await editor.FindAsync(id, cancellationToken);
        if (product is null)
        {
            TempData["FlashError"] = "That product no longer exists.";
            return Redirect("/admin/products");
        }

        var archived = await editor.RemoveAsync(product, cancellationToken);
        TempData["Flash"] = archived
            ? $"“{product.Title}” has orders, so it was archived instead: it left the storefront and its buyers keep their downloads."
            : $"“{product.Title}” was deleted.";
        return Redirect("/admin/products");
    }
}
