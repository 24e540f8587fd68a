using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.Pages.Admin.Pages;

[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class DeleteModel(StorefrontDbContext db, AuditLog audit) : PageModel
{
    public ContentPage Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var page = await db.Set<ContentPage>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        Item = page;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var page = await db.Set<ContentPage>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (page is not null)
        {
            db.Remove(page);
            audit.Record("page.deleted", "page " + page.Slug);
            await db.SaveChangesAsync(cancellationToken);
            TempData["Flash"] = $"The page “{page.Title}” was deleted.";
        }

        return Redirect("/admin/pages");
    }
}
