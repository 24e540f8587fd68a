using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Media.Library;

namespace Storefront.Media.Recipes;

/// <summary>
/// <c>{ "name": "media", "media": [ { "file": "media/photo.png", "name": "Harbour photo", "altText": "…", "folder": "Photos/Harbour" } ] }</c>:
/// images for the media library, filed in the folder of that path (made when missing; the top level without one). They are stored under the same content-addressed keys as an upload, so <c>/media/…</c> links in pages
/// keep working, and an image is matched by that key (its bytes and file name): importing again changes nothing.
/// </summary>
internal sealed class MediaRecipeStep(StorefrontDbContext db, MediaLibrary library, MediaFolders folders, IOptions<MediaOptions> options) : ItemsRecipeStep<MediaRecipeStep.MediaItem>
{
    public const int MaxNameLength = 200;

    public override string Name => "media";

    protected override async Task<bool> ApplyAsync(MediaItem item, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(item.Path);
        var stored = (await library.StoreImageAsync(content, Path.GetFileName(item.Path), MediaLibrary.LibraryFolder, cancellationToken)).Asset
            ?? throw new InvalidOperationException($"'{item.Path}' stopped being an image after it was validated.");
        var asset = await library.FindByKeyAsync(stored.Key, cancellationToken);
        var name = item.Name ?? stored.Name;
        var folderId = item.Folder is null ? null : await folders.EnsurePathAsync(item.Folder, cancellationToken);
        if (asset is null)
        {
            (stored.Name, stored.AltText, stored.FolderId, stored.UploadedBy) = (name, item.AltText, folderId, "recipe");
            db.Add(stored);
            return true;
        }

        // An image stored before sizes were recorded gets them now.
        if (asset.Name == name && asset.AltText == item.AltText && asset.FolderId == folderId && asset.Width > 0)
        {
            return false;
        }

        (asset.Name, asset.AltText, asset.FolderId, asset.Width, asset.Height) = (name, item.AltText, folderId, stored.Width, stored.Height);
        return true;
    }

    protected override List<MediaItem> Read(RecipeStepContext step) => step.Items("media", "images", (element, at, _) =>
    {
        var path = step.ExistingFile(element, "file", at + ".file", required: true);
        if (path is not null && ImageFormats.Detect(path) is null)
        {
            step.Error(at + ".file", $"'{Path.GetFileName(path)}' is not a {ImageFormats.Accepted} image");
            path = null;
        }
        else if (path is not null && Refusal(path) is { } refused)
        {
            step.Error(at + ".file", $"'{Path.GetFileName(path)}' was refused: {refused}");
            path = null;
        }

        var name = step.OptionalString(element, "name", at + ".name")?.Trim();
        if (name is { Length: 0 or > MaxNameLength })
        {
            step.Error(at + ".name", $"must be 1 to {MaxNameLength} characters");
            return null;
        }

        var altText = step.OptionalString(element, "altText", at + ".altText")?.Trim() ?? "";
        var folder = step.OptionalString(element, "folder", at + ".folder");
        if (folder is not null && MediaFolders.PathProblem(folder) is { } problem)
        {
            step.Error(at + ".folder", problem);
            return null;
        }

        return path is null ? null : new MediaItem(path, name, altText, folder);
    });

    /// <summary>The library's own checks (type by content, bytes, pixels), so an import is refused whole rather than half applied.</summary>
    private string? Refusal(string path)
    {
        using var file = File.OpenRead(path);
        return ImageProbe.Check(file, options.Value).Problem;
    }

    internal sealed record MediaItem(string Path, string? Name, string AltText, string? Folder);
}
