namespace Storefront.Payments.Tax;

/// <summary>
/// Stripe Tax for Checkout: <c>Tax:Enabled</c> (<c>on|off</c>) and <c>Tax:PricesIncludeTax</c> (<c>on|off</c>), env <c>Tax__Enabled</c>,
/// <c>Tax__PricesIncludeTax</c>. Kept as text like the other settings, so a typo reads as off rather than failing checkout.
/// </summary>
public sealed class TaxOptions
{
    public const string SectionName = "Tax";

    public string? Enabled { get; set; }

    public string? PricesIncludeTax { get; set; }

    public bool IsEnabled => IsOn(Enabled);

    public bool Inclusive => IsOn(PricesIncludeTax);

    private static bool IsOn(string? value) => value?.Trim().ToLowerInvariant() is "on" or "true" or "yes" or "1";
}
