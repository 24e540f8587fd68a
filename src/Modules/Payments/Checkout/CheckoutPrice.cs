using Storefront.Catalog.Services;
using Storefront.Core.Content;

namespace Storefront.Payments.Checkout;

/// <summary>The amount a product is sold at in a checkout: its list price, or a buyer's choice checked against its rules.</summary>
public static class CheckoutPrice
{
    /// <summary>The amount in minor units, or a message for the buyer saying what is wrong with what they typed.</summary>
    public static (long? Amount, string? Error) Resolve(ProductSnapshot product, string? typed) =>
        ChosenPrice.Validate(product, typed) is var chosen && chosen.Minor is { } minor ? (minor, null) : (null, chosen.Problem);

    /// <summary>
    /// An amount chosen earlier (kept in a cart), checked again against the product's rules as they are now: a minimum that
    /// rose refuses it, and a product that stopped taking chosen amounts is sold at its price.
    /// </summary>
    public static (long? Amount, string? Error) Recheck(ProductSnapshot product, long? chosen) =>
        !product.PayWhatYouWant || chosen is null ? (product.PriceMinor, null)
        : chosen < product.MinimumPriceMinor
            ? (null, $"“{product.Title}” now asks at least {Money.Format(product.MinimumPriceMinor, product.Currency)}; please add it again with a new amount.")
            : (chosen, null);
}

/// <summary>The optional email a buyer gives before Checkout (codes once per customer), passed on as <c>customer_email</c>.</summary>
public static class CheckoutEmail
{
    /// <summary>False for text that is not one plain address; <paramref name="email"/> is null when nothing was typed.</summary>
    public static bool TryRead(string? typed, out string? email)
    {
        email = string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();
        return email is null || (email.Length <= 254 && Storefront.Email.EmailAddressSyntax.IsPlainAddress(email));
    }
}

/// <summary>The site navigation's link to the cart, so a buyer can find it from every page.</summary>
public sealed class CartNavigation : Storefront.Core.Display.ISiteNavigation
{
    public Task<IReadOnlyList<Storefront.Core.Display.SiteLink>> GetLinksAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Storefront.Core.Display.SiteLink>>([new("Cart", "/cart", 900)]);
}
