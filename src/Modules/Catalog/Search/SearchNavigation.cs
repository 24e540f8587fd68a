using Storefront.Core.Display;

namespace Storefront.Catalog.Search;

/// <summary>The storefront's link to <c>/search</c>, after the pages and before the cart.</summary>
internal sealed class SearchNavigation : ISiteNavigation
{
    private static readonly IReadOnlyList<SiteLink> Links = [new("Search", "/search", 800)];

    public Task<IReadOnlyList<SiteLink>> GetLinksAsync(CancellationToken cancellationToken) => Task.FromResult(Links);
}
