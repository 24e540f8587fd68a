namespace Storefront.Payments.Invoices;

/// <summary>
/// What Checkout asks the buyer for the invoice (<c>Invoices:BillingAddressCollection</c> <c>auto|required</c>,
/// <c>Invoices:TaxIdCollection</c> <c>on|off</c>) and whether the receipt carries the invoice (<c>Invoices:AttachToReceipt</c>).
/// Kept as text, as the settings page stores them: a typo in the environment reads as the default rather than failing every page.
/// </summary>
public sealed class InvoiceOptions
{
    public const string SectionName = "Invoices";

    public string? BillingAddressCollection { get; set; }

    public string? TaxIdCollection { get; set; }

    public string? AttachToReceipt { get; set; }

    /// <summary>Where the Debian font packages put their files (<c>dejavu/</c>, <c>droid/</c>); the system's folder unless set.</summary>
    public string? FontFolder { get; set; }

    /// <summary>Stripe's <c>billing_address_collection</c>: <c>auto</c> (what the payment method needs) unless the whole address is required.</summary>
    public string BillingAddress => string.Equals(BillingAddressCollection?.Trim(), "required", StringComparison.OrdinalIgnoreCase) ? "required" : "auto";

    public bool CollectTaxIds => IsOn(TaxIdCollection);

    public bool AttachInvoice => IsOn(AttachToReceipt);

    private static bool IsOn(string? value) => value?.Trim().ToLowerInvariant() is "on" or "true" or "yes" or "1";
}
