namespace Storefront.Core.Content;

/// <summary>
/// The shop's own words about what it sells and on what terms, as other modules may quote them (dispute evidence): a
/// product's description and a published page's text, both as their authors wrote them (Markdown).
/// </summary>
public interface ICatalogTexts
{
    Task<string?> ProductDescriptionAsync(Guid productId, CancellationToken cancellationToken);

    Task<string?> PublishedPageTextAsync(string slug, CancellationToken cancellationToken);
}
