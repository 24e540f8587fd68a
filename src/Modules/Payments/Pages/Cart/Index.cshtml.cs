using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Core.Security;
using Storefront.Payments.Cart;
using Storefront.Payments.Checkout;

namespace Storefront.Payments.Pages.Cart;

/// <summary>
/// <c>GET /cart</c> shows the cart from current catalogue data; <c>POST /cart/add/{slug}</c> and <c>POST /cart/remove/{slug}</c>
/// change it and come back here with what happened. Add to cart is posted from cached catalogue pages, which carry no
/// per-visitor token: every form here is checked by where the browser says it came from.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[IgnoreAntiforgeryToken]
[SameOriginForm]
public sealed class IndexModel(CartStore carts, ICatalogProducts catalog) : PageModel
{
    public CartView Cart { get; private set; } = CartView.Empty;

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers["Referrer-Policy"] = "same-origin";
        Cart = await carts.ViewAsync(HttpContext, cancellationToken);
    }

    public async Task<IActionResult> OnPostAddAsync(string? slug, [FromForm] string? amount, [FromForm] string? code, CancellationToken cancellationToken)
    {
        var product = slug is not null && Slugs.IsValid(slug) ? await catalog.FindPublishedAsync(slug, cancellationToken) : null;
        if (product is null)
        {
            Notice = "That product is not for sale any more, so it was not added.";
            return RedirectToPage();
        }

        if (product.ExternalUrl is not null)
        {
            Notice = $"“{product.Title}” is sold on another shop, so it cannot go in this cart: use the “Buy on …” link on its page.";
            return RedirectToPage();
        }

        var (price, error) = CheckoutPrice.Resolve(product, amount);
        if (error is not null)
        {
            Notice = error + " It was not added.";
            return RedirectToPage();
        }

        if (product.IsSoldOut)
        {
            Notice = $"“{product.Title}” is sold out, so it was not added.";
            return RedirectToPage();
        }

        // One payment takes one currency: a product priced in another stays out rather than spoil the cart's total.
        if ((await carts.ViewAsync(HttpContext, cancellationToken)).Currencies is [var held] && !held.Equals(product.Currency, StringComparison.OrdinalIgnoreCase))
        {
            Notice = $"“{product.Title}” is priced in {product.Currency.ToUpperInvariant()} and your cart in {held.ToUpperInvariant()}: one payment takes one currency, so it was not added. Pay for your cart first, then buy it.";
            return RedirectToPage();
        }

        var chosen = product.PayWhatYouWant ? price : null;
        var outcome = await carts.AddAsync(HttpContext, product, chosen, cancellationToken);
        if (!string.IsNullOrWhiteSpace(code))
        {
            // A shared link's code comes along into the cart, for the Pay button.
            await carts.RememberCodeAsync(HttpContext, code, cancellationToken);
        }

        Notice = outcome == CartAddOutcome.Added
            ? $"“{product.Title}” is in your cart."
            : $"“{product.Title}” was already in your cart: a download is bought once.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? slug, [FromForm] Guid productId, CancellationToken cancellationToken)
    {
        await carts.RemoveAsync(HttpContext, productId, cancellationToken);
        Notice = "Removed from your cart.";
        return RedirectToPage();
    }
}
