using Storefront.Core.Settings;

namespace Storefront.Payments.Settings;

/// <summary>Stripe Tax at Checkout, and whether catalogue prices already include the tax.</summary>
internal sealed class TaxSettingsSection : ISettingsSection
{
    public string Title => "Tax";

    public int Order => 56;

    public string? Hint => "With Stripe Tax on, Checkout asks for the billing address and computes the tax from it; turn it on in "
        + "Stripe's dashboard too, with your tax registrations. With it off nothing is added to the price.";

    public IReadOnlyList<SettingField> Fields { get; } =
    [
        InvoiceSettingsSection.Choice("TaxEnabled", "Stripe Tax at checkout", "Tax:Enabled", "Stripe Tax",
            new("off", "No tax is computed: buyers pay the list price."),
            new("on", "Stripe computes the tax from the buyer's billing address; it is stored and shown on the order, receipt and invoice.")),
        InvoiceSettingsSection.Choice("TaxPricesIncludeTax", "Prices and tax", "Tax:PricesIncludeTax", "tax-inclusive prices",
            new("off", "Prices exclude tax: the tax is added on top at checkout."),
            new("on", "Prices include tax: the buyer pays the list price and the tax is part of it.")),
    ];
}
