using System.Globalization;
using Storefront.Payments.Orders;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Payments.Checkout;

/// <summary>
/// Reads what the invoice needs from a paid Checkout Session (<c>customer_details</c>, <c>amount_subtotal</c>,
/// <c>total_details</c>) and from its payment intent's latest charge (<c>payment_method_details</c>), as text to store.
/// </summary>
public static class PaidSessionDetails
{
    public static PaidDetails From(Session session, Charge? charge, IReadOnlyList<LineItem>? items) => new(
        Address(session.CustomerDetails), TaxIds(session.CustomerDetails), session.AmountSubtotal,
        session.TotalDetails?.AmountDiscount, session.TotalDetails?.AmountTax, session.AmountTotal, PaymentMethod(charge?.PaymentMethodDetails),
        items?.Select((item, position) => new PaidLineAmounts(position, item.AmountDiscount, item.AmountTax, item.AmountTotal)).ToList());

    /// <summary>"Visa •••• 4242", "SEPA Direct Debit •••• 3000": what a buyer recognises on a statement.</summary>
    public static string? PaymentMethod(ChargePaymentMethodDetails? details)
    {
        if (details?.Type is not { Length: > 0 } type)
        {
            return null;
        }

        var (name, last4) = type switch
        {
            "card" => (CardBrand(details.Card?.Brand), details.Card?.Last4),
            "sepa_debit" => ("SEPA Direct Debit", details.SepaDebit?.Last4),
            "us_bank_account" => (details.UsBankAccount?.BankName is { Length: > 0 } bank ? $"US bank account ({bank})" : "US bank account",
                details.UsBankAccount?.Last4),
            "bacs_debit" => ("Bacs Direct Debit", details.BacsDebit?.Last4),
            "au_becs_debit" => ("BECS Direct Debit", details.AuBecsDebit?.Last4),
            "paypal" => ("PayPal", null),
            "ideal" => ("iDEAL", null),
            "link" => ("Link", null),
            _ => (Words(type), (string?)null),
        };
        return last4 is { Length: > 0 } ? $"{name} •••• {last4}" : name;
    }

    private static string CardBrand(string? brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        "diners" => "Diners Club",
        "jcb" => "JCB",
        "unionpay" => "UnionPay",
        "cartes_bancaires" => "Cartes Bancaires",
        "interac" => "Interac",
        null or "" or "unknown" => "Card",
        _ => Words(brand),
    };

    private static string Words(string code) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(code.Replace('_', ' '));

    /// <summary>The business name (when given) and the address as lines, in the order post offices read them.</summary>
    private static string? Address(SessionCustomerDetails? details)
    {
        var lines = new List<string?> { details?.BusinessName };
        if (details?.Address is { } a)
        {
            lines.Add(a.Line1);
            lines.Add(a.Line2);
            // North American addresses put the region before the postal code on the city line; most others the code first.
            lines.AddRange(a.Country is "US" or "CA" or "AU"
                ? [Join(", ", a.City, Join(" ", a.State, a.PostalCode))]
                : [Join(" ", a.PostalCode, a.City), a.State]);
            lines.Add(CountryName(a.Country));
        }

        var text = string.Join('\n', lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!.Trim()));
        return text.Length == 0 ? null : text;
    }

    private static string? TaxIds(SessionCustomerDetails? details)
    {
        var ids = (details?.TaxIds ?? []).Where(t => !string.IsNullOrWhiteSpace(t.Value)).Select(t => $"{t.Type} {t.Value.Trim()}").ToList();
        return ids.Count == 0 ? null : string.Join('\n', ids);
    }

    private static string? Join(string separator, params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        return present.Count == 0 ? null : string.Join(separator, present);
    }

    private static string? CountryName(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
