using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Media.Library;

namespace Storefront.Media.Pages.Admin.Media;

[Authorize(Policy = nameof(MediaPermissions.ManageMedia))]
public sealed class IndexModel(StorefrontDbContext db, MediaLibrary library, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? AltText { get; set; }

    public List<MediaAsset> Assets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Upload), "Choose an image to upload.");
        }
        else
        {
            await using var content = Upload.OpenReadStream();
            var stored = await library.StoreImageAsync(content, Upload.FileName, "media", cancellationToken);
            if (stored.Asset is null)
            {
                ModelState.AddModelError(nameof(Upload), $"“{MediaLibrary.SafeName(Upload.FileName)}” was refused: {stored.Problem}");
            }
            else
            {
                stored.Asset.AltText = (AltText ?? "").Trim();
                stored.Asset.UploadedBy = User.Identity?.Name ?? "system";
                db.Add(stored.Asset);
                audit.Record("media.uploaded", "media " + stored.Asset.Name, stored.Asset.Key);
                await db.SaveChangesAsync(cancellationToken);
                TempData["Flash"] = $"“{stored.Asset.Name}” was uploaded.";
                return Redirect("/admin/media");
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var assets = db.Set<MediaAsset>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var term = Query.Trim().ToLowerInvariant();
            assets = assets.Where(a => a.Name.ToLower().Contains(term) || a.AltText.ToLower().Contains(term));
        }

        Assets = await assets.OrderByDescending(a => a.UploadedAt).Take(200).ToListAsync(cancellationToken);
    }
}
