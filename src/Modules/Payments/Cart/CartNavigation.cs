using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Display;

namespace Storefront.Payments.Cart;

/// <summary>
/// The site navigation's link to the cart, with how many lines it holds, so a buyer can find it from every page. The count is
/// the visitor's own: a request with a cart cookie is never answered from the shared page cache.
/// </summary>
public sealed class CartNavigation(IHttpContextAccessor accessor) : ISiteNavigation
{
    public async Task<IReadOnlyList<SiteLink>> GetLinksAsync(CancellationToken cancellationToken)
    {
        var count = accessor.HttpContext is { } http && http.Request.Cookies.ContainsKey(CartStore.CookieName)
            ? await http.RequestServices.GetRequiredService<CartStore>().CountAsync(http, cancellationToken)
            : 0;
        return [new(count > 0 ? $"Cart ({count})" : "Cart", "/cart", 900)];
    }
}
