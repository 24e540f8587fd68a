using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Media.Library;

namespace Storefront.Media.Pages.Admin.Media;

/// <summary>Deleting is refused while a product or page shows the image: the page would break silently.</summary>
[Authorize(Policy = nameof(MediaPermissions.ManageMedia))]
public sealed class DeleteModel(StorefrontDbContext db, MediaLibrary library, MediaUsage usage, AuditLog audit) : PageModel
{
    public MediaAsset Asset { get; private set; } = null!;

    public List<string> UsedBy { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var asset = await db.Set<MediaAsset>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (asset is null)
        {
            return NotFound();
        }

        Asset = asset;
        UsedBy = await usage.UsesOfAsync(asset.Key, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var asset = await db.Set<MediaAsset>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (asset is null)
        {
            return Redirect("/admin/media");
        }

        var uses = await usage.UsesOfAsync(asset.Key, cancellationToken);
        if (uses.Count > 0)
        {
            TempData["FlashError"] = $"“{asset.Name}” cannot be deleted: it is {string.Join(", ", uses)}. Choose another image there first.";
            return Redirect($"/admin/media/{asset.Id}");
        }

        db.Remove(asset);
        audit.Record("media.deleted", "media " + asset.Name, asset.Key);
        await db.SaveChangesAsync(cancellationToken);
        await library.DeleteBlobIfUnusedAsync(asset.Key, asset.Width, asset.Id, cancellationToken);
        TempData["Flash"] = $"“{asset.Name}” was deleted.";
        return Redirect("/admin/media");
    }
}
