using Storefront.Core.Display;

namespace Storefront.Payments.Cart;

/// <summary>The site navigation's link to the cart, so a buyer can find it from every page.</summary>
public sealed class CartNavigation : ISiteNavigation
{
    public Task<IReadOnlyList<SiteLink>> GetLinksAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SiteLink>>([new("Cart", "/cart", 900)]);
}
