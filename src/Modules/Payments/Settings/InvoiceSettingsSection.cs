using Storefront.Core.Settings;

namespace Storefront.Payments.Settings;

/// <summary>What Checkout collects for invoices, and whether receipts carry them. The seller's own details are in the seller section.</summary>
internal sealed class InvoiceSettingsSection : ISettingsSection
{
    public string Title => "Invoices";

    public int Order => 55;

    public string? Hint => "Stripe Checkout asks the buyer for what is chosen here, and the invoice prints what the buyer gave. "
        + "Invoices already issued never change.";

    public IReadOnlyList<SettingField> Fields { get; } =
    [
        Choice("BillingAddressCollection", "Billing address at checkout", "Invoices:BillingAddressCollection", "billing address collection",
            new("auto", "Stripe asks only for what the payment method needs (often the country and postal code)."),
            new("required", "Stripe always asks for the full billing address, which the invoice then shows.")),
        Choice("TaxIdCollection", "Business tax ids at checkout", "Invoices:TaxIdCollection", "tax id collection",
            new("off", "Buyers are not asked for a VAT or other tax id."),
            new("on", "Buyers purchasing as a business may give their VAT or other tax id, printed on their invoice.")),
        Choice("AttachToReceipt", "Invoice attached to the receipt", "Invoices:AttachToReceipt", "invoice attachment",
            new("off", "Receipts carry no attachment; the invoice is downloaded from the order's admin page."),
            new("on", "Each receipt email carries the order's invoice as a PDF attachment.")),
    ];

    /// <summary>A two-way choice that leaves the default in force when the form omits it.</summary>
    internal static SettingField Choice(string name, string label, string key, string changeName, SettingChoice first, SettingChoice second) =>
        new(name, label, key, SettingInput.Choice)
        {
            // Not required: a form without the field (or the field emptied) leaves the default in force.
            ChangeName = changeName, Default = first.Value,
            Problem = v => v == first.Value || v == second.Value ? null : $"Choose {first.Value} or {second.Value}.",
            Choices = [first, second],
        };
}
