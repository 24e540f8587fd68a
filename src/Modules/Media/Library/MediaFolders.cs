using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Media.Library;

/// <summary>
/// The library's folder tree. Names are unique within their parent (compared without regard to case), so a folder's path
/// (<c>Photos/Harbour</c>) names it in recipes. Changes are staged in the caller's unit of work.
/// </summary>
public sealed class MediaFolders(StorefrontDbContext db, TimeProvider clock)
{
    public const char Separator = '/';

    /// <summary>Every folder, tracked and staged alike, so a path made earlier in the same import is found.</summary>
    public async Task<List<MediaFolder>> AllAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Set<MediaFolder>().ToListAsync(cancellationToken);
        return [.. stored.Union(db.Set<MediaFolder>().Local)];
    }

    /// <summary>Why a folder cannot be called <paramref name="name"/> under <paramref name="parentId"/>; null when it can.</summary>
    public static string? NameProblem(string name, Guid? parentId, Guid? self, IEnumerable<MediaFolder> folders) => name switch
    {
        "" => "Enter a folder name.",
        { Length: > MediaFolder.MaxNameLength } => $"A folder name is at most {MediaFolder.MaxNameLength} characters.",
        _ when name.Contains(Separator) || name.Any(char.IsControl) => "A folder name cannot contain '/' or control characters.",
        _ when folders.Any(f => f.ParentId == parentId && f.Id != self && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            => $"This folder already holds a folder named “{name}”.",
        _ => null,
    };

    /// <summary>The folders from the top down to <paramref name="id"/> (the breadcrumb); empty for the top level.</summary>
    public static List<MediaFolder> Trail(Guid? id, IReadOnlyCollection<MediaFolder> folders)
    {
        var trail = new List<MediaFolder>();
        while (id is not null && folders.FirstOrDefault(f => f.Id == id) is { } folder && trail.Count <= folders.Count)
        {
            trail.Insert(0, folder);
            id = folder.ParentId;
        }

        return trail;
    }

    public static string PathOf(Guid? id, IReadOnlyCollection<MediaFolder> folders) => string.Join(Separator, Trail(id, folders).Select(f => f.Name));

    /// <summary>The folder at <paramref name="path"/>, staging the ones missing; null for an empty path (the top level).</summary>
    public async Task<Guid?> EnsurePathAsync(string path, CancellationToken cancellationToken)
    {
        var folders = await AllAsync(cancellationToken);
        Guid? parent = null;
        foreach (var name in Split(path))
        {
            var folder = folders.FirstOrDefault(f => f.ParentId == parent && string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
            if (folder is null)
            {
                folder = new MediaFolder { Name = name, ParentId = parent, CreatedAt = clock.GetUtcNow().UtcDateTime };
                db.Add(folder);
                folders.Add(folder);
            }

            parent = folder.Id;
        }

        return parent;
    }

    /// <summary>A path's folder names; a problem names the first bad one.</summary>
    public static string[] Split(string path) => path.Split(Separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static string? PathProblem(string path) => Split(path) switch
    {
        [] => "must name a folder, such as \"Photos/Harbour\"",
        var names when names.FirstOrDefault(n => NameProblem(n, null, null, []) is not null) is { } bad => $"the folder name “{bad}” is not allowed: {NameProblem(bad, null, null, [])}",
        _ => null,
    };
}
