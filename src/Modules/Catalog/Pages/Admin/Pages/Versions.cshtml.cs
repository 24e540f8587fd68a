using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Versions;
using Storefront.Core.Data;

namespace Storefront.Catalog.Pages.Admin.Pages;

/// <summary><c>/admin/pages/{id}/versions</c>: every saved state of a page, newest first, each of which opens in the page's form.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class VersionsModel(StorefrontDbContext db) : PageModel
{
    public ContentPage Item { get; private set; } = null!;

    public IReadOnlyList<PageVersion> History { get; private set; } = [];

    /// <summary>The number of the version the page shows now: the newest.</summary>
    public int Current => History.Count == 0 ? 0 : History[0].Number;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Set<ContentPage>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        Item = page;
        History = await db.Set<PageVersion>().AsNoTracking().Where(v => v.PageId == id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return Page();
    }
}
