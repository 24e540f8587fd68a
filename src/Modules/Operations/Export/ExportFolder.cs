using Storefront.Media.Storage;

namespace Storefront.Operations.Export;

/// <summary>The folder a recipe is exported into: stored files are copied into its <c>media/</c>, named as the recipe refers to them.</summary>
internal sealed class ExportFolder(string root, IBlobStore blobs)
{
    public string Root { get; } = root;

    public int Files { get; private set; }

    /// <summary>Copies a stored file to <c>media/{relative}</c> and returns the path the recipe uses for it.</summary>
    public async Task<string> CopyAsync(BlobArea area, string key, string relative, string owner, CancellationToken cancellationToken)
    {
        var target = FullPath("media/" + relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var source = await blobs.OpenReadAsync(area, BlobKey.Parse(key), cancellationToken)
            ?? throw new ExportException($"The file of {owner} is missing from storage ({area.ToString().ToLowerInvariant()}/{key}); restore it or replace it in the admin, then export again.");
        await using (var output = File.Create(target))
        {
            await source.CopyToAsync(output, cancellationToken);
        }

        Files++;
        return "media/" + relative;
    }

    public string FullPath(string recipePath) => Path.Combine(Root, recipePath);
}
