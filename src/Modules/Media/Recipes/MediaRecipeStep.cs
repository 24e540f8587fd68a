using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Media.Library;

namespace Storefront.Media.Recipes;

/// <summary>
/// <c>{ "name": "media", "media": [ { "file": "media/photo.png", "name": "Harbour photo", "altText": "…" } ] }</c>: images for
/// the media library. They are stored under the same content-addressed keys as an upload, so <c>/media/…</c> links in pages
/// keep working, and an image is matched by that key (its bytes and file name): importing again changes nothing.
/// </summary>
internal sealed class MediaRecipeStep(StorefrontDbContext db, MediaLibrary library) : ItemsRecipeStep<MediaRecipeStep.MediaItem>
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
        if (asset is null)
        {
            (stored.Name, stored.AltText, stored.UploadedBy) = (name, item.AltText, "recipe");
            db.Add(stored);
            return true;
        }

        if (asset.Name == name && asset.AltText == item.AltText)
        {
            return false;
        }

        (asset.Name, asset.AltText) = (name, item.AltText);
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

        var name = step.OptionalString(element, "name", at + ".name")?.Trim();
        if (name is { Length: 0 or > MaxNameLength })
        {
            step.Error(at + ".name", $"must be 1 to {MaxNameLength} characters");
            return null;
        }

        var altText = step.OptionalString(element, "altText", at + ".altText")?.Trim() ?? "";
        return path is null ? null : new MediaItem(path, name, altText);
    });

    internal sealed record MediaItem(string Path, string? Name, string AltText);
}
