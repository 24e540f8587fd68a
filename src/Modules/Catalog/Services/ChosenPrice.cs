using Storefront.Core.Content;

namespace Storefront.Catalog.Services;

/// <summary>The amount a buyer will pay for one product: ours, or the one they typed when the product lets them choose.</summary>
public sealed record ChosenAmount(long? Minor, string? Problem)
{
    public bool IsValid => Minor is not null;
}

/// <summary>
/// The one server-side check of a pay-what-you-want amount, used before a Checkout Session is created: the buyer's text is
/// parsed exactly (decimal, the currency's own number of decimals), never trusted as a number from the browser.
/// </summary>
public static class ChosenPrice
{
    /// <summary>The amount in minor units, or a message the buyer can act on. A fixed-price product ignores <paramref name="typed"/>.</summary>
    public static ChosenAmount Validate(ProductSnapshot product, string? typed)
    {
        if (!product.PayWhatYouWant)
        {
            return new(product.PriceMinor, null);
        }

        if (string.IsNullOrWhiteSpace(typed))
        {
            return new(null, $"Enter the amount you want to pay: at least {Money.Format(product.MinimumPriceMinor, product.Currency)}.");
        }

        if (!PriceInput.TryParse(typed, product.Currency, "amount", out var minor, out var problem))
        {
            return new(null, problem);
        }

        return minor < product.MinimumPriceMinor
            ? new(null, $"The amount must be at least {Money.Format(product.MinimumPriceMinor, product.Currency)}.")
            : new(minor, null);
    }
}
