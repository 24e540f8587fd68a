using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Media.Library;

namespace Storefront.Media.Pages.Admin.Media;

/// <summary>Name, alt text and replacing the file; a replaced image's users are pointed at the new one.</summary>
[Authorize(Policy = nameof(MediaPermissions.ManageMedia))]
public sealed class EditModel(StorefrontDbContext db, MediaLibrary library, MediaFolders folders, MediaUsage usage, AuditLog audit) : PageModel
{
    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string? AltText { get; set; }

    [BindProperty]
    public IFormFile? Replacement { get; set; }

    [BindProperty]
    public Guid? FolderId { get; set; }

    public List<MediaFolder> Folders { get; private set; } = [];

    public MediaAsset Asset { get; private set; } = null!;

    public List<string> UsedBy { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        (Name, AltText, FolderId) = (Asset.Name, Asset.AltText, Asset.FolderId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var name = MediaLibrary.SafeName(Name);
        var (oldKey, oldWidth) = (Asset.Key, Asset.Width);
        if (FolderId is { } folderId && !Folders.Any(f => f.Id == folderId))
        {
            ModelState.AddModelError(nameof(FolderId), "That folder no longer exists: choose another.");
            return Page();
        }

        if (Replacement is { Length: > 0 })
        {
            await using var content = Replacement.OpenReadStream();
            var stored = await library.StoreImageAsync(content, Replacement.FileName, "media", cancellationToken);
            if (stored.Asset is null)
            {
                ModelState.AddModelError(nameof(Replacement), $"The replacement was refused: {stored.Problem}");
                return Page();
            }

            (Asset.Key, Asset.ContentType, Asset.Length, Asset.Width, Asset.Height) =
                (stored.Asset.Key, stored.Asset.ContentType, stored.Asset.Length, stored.Asset.Width, stored.Asset.Height);
            await usage.RepointAsync(oldKey, Asset.Key, cancellationToken);
            audit.Record("media.replaced", "media " + name, $"{oldKey} → {Asset.Key}");
        }

        (Asset.Name, Asset.AltText, Asset.FolderId) = (name, (AltText ?? "").Trim(), FolderId);
        audit.Record("media.updated", "media " + name);
        await db.SaveChangesAsync(cancellationToken);
        if (oldKey != Asset.Key)
        {
            await library.DeleteBlobIfUnusedAsync(oldKey, oldWidth, Guid.Empty, cancellationToken);
        }

        TempData["Flash"] = $"“{name}” was saved.";
        return Redirect($"/admin/media/{Asset.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var asset = await db.Set<MediaAsset>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (asset is null)
        {
            return false;
        }

        Asset = asset;
        Folders = await folders.AllAsync(cancellationToken);
        UsedBy = await usage.UsesOfAsync(asset.Key, cancellationToken);
        return true;
    }
}
