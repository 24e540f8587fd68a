using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Media.Library;

namespace Storefront.Media.Pages.Admin.Media;

/// <summary>Renaming a folder, and deleting it once it is empty: images are never deleted along with a folder.</summary>
[Authorize(Policy = nameof(MediaPermissions.ManageMedia))]
public sealed class FolderModel(StorefrontDbContext db, AuditLog audit) : PageModel
{
    [BindProperty]
    public string Name { get; set; } = "";

    public MediaFolder Folder { get; private set; } = null!;

    public string Path { get; private set; } = "";

    public List<MediaFolder> AllFolders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Name = Folder.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var name = (Name ?? "").Trim();
        if (MediaFolders.NameProblem(name, Folder.ParentId, Folder.Id, AllFolders) is { } problem)
        {
            ModelState.AddModelError(nameof(Name), problem);
            return Page();
        }

        audit.Record("media.folder.renamed", "media folder " + Path, "to " + name);
        Folder.Name = name;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"The folder was renamed to “{name}”.";
        return Redirect($"/admin/media?folder={Folder.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return Redirect("/admin/media");
        }

        var images = await db.Set<MediaAsset>().CountAsync(a => a.FolderId == id, cancellationToken);
        var folders = AllFolders.Count(f => f.ParentId == id);
        if (images + folders > 0)
        {
            ModelState.AddModelError("", $"“{Folder.Name}” is not empty: it holds {images} image(s) and {folders} folder(s). Move or delete them first.");
            Name = Folder.Name;
            return Page();
        }

        db.Remove(Folder);
        audit.Record("media.folder.deleted", "media folder " + Path);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"The folder “{Folder.Name}” was deleted.";
        return Redirect(Folder.ParentId is { } parent ? $"/admin/media?folder={parent}" : "/admin/media");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        AllFolders = await db.Set<MediaFolder>().ToListAsync(cancellationToken);
        if (AllFolders.FirstOrDefault(f => f.Id == id) is not { } folder)
        {
            return false;
        }

        (Folder, Path) = (folder, MediaFolders.PathOf(id, AllFolders));
        return true;
    }
}
