using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Media.Library;

namespace Storefront.Media.Pages.Admin.Media;

/// <summary>One folder of the library at a time (a search looks through all of them): upload into it, add a folder, move images.</summary>
[Authorize(Policy = nameof(MediaPermissions.ManageMedia))]
public sealed class IndexModel(
    StorefrontDbContext db, MediaLibrary library, AuditLog audit, TimeProvider clock, IOptions<MediaOptions> options) : PageModel
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public long MaxPixels => options.Value.MaxPixels;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "folder")]
    public Guid? FolderId { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? AltText { get; set; }

    [BindProperty]
    public string? NewFolder { get; set; }

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    [BindProperty]
    public Guid? MoveTo { get; set; }

    public List<MediaFolder> AllFolders { get; private set; } = [];

    public List<MediaFolder> Trail { get; private set; } = [];

    public List<MediaFolder> Subfolders { get; private set; } = [];

    public List<MediaAsset> Assets { get; private set; } = [];

    public string Here => FolderId is null ? "/admin/media" : $"/admin/media?folder={FolderId}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Upload), "Choose an image to upload.");
            return Page();
        }

        await using var content = Upload.OpenReadStream();
        var stored = await library.StoreImageAsync(content, Upload.FileName, MediaLibrary.LibraryFolder, cancellationToken);
        if (stored.Asset is null)
        {
            ModelState.AddModelError(nameof(Upload), $"“{MediaLibrary.SafeName(Upload.FileName)}” was refused: {stored.Problem}");
            return Page();
        }

        (stored.Asset.AltText, stored.Asset.FolderId) = ((AltText ?? "").Trim(), FolderId);
        stored.Asset.UploadedBy = User.Identity?.Name ?? "system";
        db.Add(stored.Asset);
        audit.Record("media.uploaded", "media " + stored.Asset.Name, stored.Asset.Key);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"“{stored.Asset.Name}” was uploaded ({stored.Asset.SizeText()}).";
        return Redirect(Here);
    }

    public async Task<IActionResult> OnPostFolderAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var name = (NewFolder ?? "").Trim();
        if (MediaFolders.NameProblem(name, FolderId, null, AllFolders) is { } problem)
        {
            ModelState.AddModelError(nameof(NewFolder), problem);
            return Page();
        }

        db.Add(new MediaFolder { Name = name, ParentId = FolderId, CreatedAt = clock.GetUtcNow().UtcDateTime });
        audit.Record("media.folder.created", "media folder " + name);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"The folder “{name}” was created.";
        return Redirect(Here);
    }

    public async Task<IActionResult> OnPostMoveAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Selected.Count == 0)
        {
            ModelState.AddModelError(nameof(Selected), "Tick the images to move first.");
            return Page();
        }

        if (MoveTo is { } target && AllFolders.All(f => f.Id != target))
        {
            ModelState.AddModelError(nameof(MoveTo), "That folder no longer exists: choose another.");
            return Page();
        }

        var moving = await db.Set<MediaAsset>().Where(a => Selected.Contains(a.Id)).ToListAsync(cancellationToken);
        moving.ForEach(a => a.FolderId = MoveTo);
        var destination = MoveTo is null ? "the top level" : $"“{MediaFolders.PathOf(MoveTo, AllFolders)}”";
        audit.Record("media.moved", $"{moving.Count} media", "to " + destination);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"{moving.Count} image{(moving.Count == 1 ? " was" : "s were")} moved to {destination}.";
        return Redirect(Here);
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        AllFolders = await db.Set<MediaFolder>().AsNoTracking().ToListAsync(cancellationToken);
        if (FolderId is not null && AllFolders.All(f => f.Id != FolderId))
        {
            return false;
        }

        Trail = MediaFolders.Trail(FolderId, AllFolders);
        var assets = db.Set<MediaAsset>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var term = Query.Trim().ToLowerInvariant();
            assets = assets.Where(a => a.Name.ToLower().Contains(term) || a.AltText.ToLower().Contains(term));
        }
        else
        {
            Subfolders = [.. AllFolders.Where(f => f.ParentId == FolderId).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)];
            assets = assets.Where(a => a.FolderId == FolderId);
        }

        Assets = await assets.OrderByDescending(a => a.UploadedAt).Take(200).ToListAsync(cancellationToken);
        return true;
    }
}
