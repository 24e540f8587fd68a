namespace Storefront.Core.Content;

/// <summary>
/// A module whose content shows library images (covers, Markdown links) answers for them, so the media library can refuse
/// to delete an image still shown and point content at a replaced one, without reading that module's tables.
/// </summary>
public interface IMediaUsageProvider
{
    /// <summary>Where the image with this key is shown, as editors would say it ("the page “About”").</summary>
    Task<IReadOnlyList<string>> UsesOfAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stages pointing every use of <paramref name="oldKey"/> at <paramref name="newKey"/>; the caller saves.</summary>
    Task RepointAsync(string oldKey, string newKey, CancellationToken cancellationToken);

    /// <summary>
    /// Keys this module's own recipe items carry as files (a product's cover travels with its product), which the
    /// <c>media</c> export step leaves out so an image is not exported twice under two keys.
    /// </summary>
    Task<IReadOnlyCollection<string>> KeysExportedWithContentAsync(CancellationToken cancellationToken);
}
