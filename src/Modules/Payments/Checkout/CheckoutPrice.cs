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
