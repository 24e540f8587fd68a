using Microsoft.Extensions.Options;
using Stripe.Checkout;

namespace Storefront.Payments.Tax;

/// <summary>
/// What the tax setting adds to a Checkout Session: automatic tax, each price's tax behaviour, the billing address
/// (Stripe Tax needs the buyer's location) and business tax ids. With tax off the options are left exactly as they were.
/// </summary>
public sealed class CheckoutTax(IOptionsMonitor<TaxOptions> options)
{
    public bool Enabled => options.CurrentValue.IsEnabled;

    public void Apply(SessionCreateOptions session)
    {
        var tax = options.CurrentValue;
        if (!tax.IsEnabled)
        {
            return;
        }

        session.AutomaticTax = new SessionAutomaticTaxOptions { Enabled = true };
        session.BillingAddressCollection = "required";
        session.TaxIdCollection = new SessionTaxIdCollectionOptions { Enabled = true };
        foreach (var line in session.LineItems ?? [])
        {
            if (line.PriceData is { } price)
            {
                price.TaxBehavior = tax.Inclusive ? "inclusive" : "exclusive";
            }
        }
    }
}
