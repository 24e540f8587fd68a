using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Storefront.StripeEmulator;

/// <summary>What the hosted page shows of a session, copied out under the state's gate.</summary>
internal sealed record SessionView(string Id, string Status, string PaymentStatus, bool AwaitingSettlement,
    IReadOnlyList<EmulatedLineItem> LineItems, string Currency, long AmountTotal, string? CustomerEmail, string? CancelUrl,
    string? BillingAddressCollection = null, bool TaxIdCollection = false, long AmountDiscount = 0, long AmountTax = 0,
    bool AllowPromotionCodes = false, bool AutomaticTax = false, string? AppliedCode = null)
{
    public static SessionView Of(EmulatedSession s, string? appliedCode) => new(s.Id, s.Status, s.PaymentStatus, s.AwaitingSettlement,
        s.LineItems, s.Currency, s.AmountTotal, s.CustomerEmail, s.CancelUrl, s.AddressCollection, s.TaxIdCollection,
        s.AmountDiscount, s.AmountTax, s.AllowPromotionCodes, s.AutomaticTax, appliedCode);
}

/// <summary>
/// The hosted checkout page: plain HTML forms, no script and no inline style (the shop's CSP applies when
/// it mounts the emulator), one h1, landmarks, labelled fields, errors announced with role="alert".
/// URLs are relative to <c>…/pay/{id}</c> so the page works under any mount prefix.
/// </summary>
internal static class HostedCheckoutPage
{
    private static readonly HashSet<string> ZeroDecimal =
        ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"];

    private static readonly HashSet<string> ThreeDecimal = ["bhd", "iqd", "jod", "kwd", "lyd", "omr", "tnd"];

    // All of Unicode passes through as text (the page is UTF-8); only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(string displayName, SessionView session, string? error = null, string? email = null, string? name = null,
        BuyerDetailsForm? details = null)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Pay ").Append(E(displayName)).Append(" · Test checkout</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"../assets/checkout.css\">\n</head>\n<body>\n")
            .Append("<header><p class=\"merchant\">").Append(E(displayName))
            .Append("</p><p class=\"test-mode\">Test mode: Stripe emulator, no real payment is taken.</p></header>\n<main>\n")
            .Append("<h1>Pay ").Append(E(displayName)).Append("</h1>\n");
        AppendSummary(html, session);
        if (error is not null)
        {
            html.Append("<p class=\"error\" role=\"alert\" id=\"payment-error\">").Append(E(error)).Append("</p>\n");
        }

        if (session.Status == "open")
        {
            AppendPaymentForm(html, session, error is null ? null : "payment-error", email ?? session.CustomerEmail, name, details ?? BuyerDetailsForm.Empty);
        }
        else
        {
            AppendOutcome(html, session);
        }

        html.Append("</main>\n<footer><p>Emulated checkout for tests and offline demos.</p></footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static string NotFound() =>
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Checkout not found</title>\n" +
        "<link rel=\"stylesheet\" href=\"../assets/checkout.css\">\n</head>\n<body>\n<main>\n<h1>Checkout not found</h1>\n" +
        "<p>This checkout link is not valid. Return to the shop and start again.</p>\n</main>\n</body>\n</html>\n";

    public static string Money(long amount, string currency)
    {
        var decimals = ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;
        var major = amount / (decimal)Math.Pow(10, decimals);
        return major.ToString("N" + decimals, CultureInfo.InvariantCulture) + " " + currency.ToUpperInvariant();
    }

    private static void AppendSummary(StringBuilder html, SessionView session)
    {
        html.Append("<section aria-labelledby=\"summary-heading\">\n<h2 id=\"summary-heading\">Order summary</h2>\n<table>\n")
            .Append("<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Quantity</th><th scope=\"col\">Amount</th></tr></thead>\n<tbody>\n");
        foreach (var line in session.LineItems)
        {
            html.Append("<tr><td>").Append(E(line.Name));
            if (line.Description is not null)
            {
                html.Append("<br><span class=\"description\">").Append(E(line.Description)).Append("</span>");
            }

            html.Append("</td><td>").Append(line.Quantity).Append("</td><td>").Append(Money(line.Total, session.Currency)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n<tfoot>");
        if (session.AmountDiscount != 0)
        {
            html.Append("<tr><th scope=\"row\" colspan=\"2\">Discount").Append(session.AppliedCode is null ? "" : " (" + E(session.AppliedCode) + ")")
                .Append("</th><td id=\"discount\">−").Append(Money(session.AmountDiscount, session.Currency)).Append("</td></tr>");
        }

        if (session.AutomaticTax && session.Status == "open")
        {
            html.Append("<tr><th scope=\"row\" colspan=\"2\">Tax</th><td id=\"tax\">Calculated from your billing country</td></tr>");
        }
        else if (session.AmountTax != 0)
        {
            html.Append("<tr><th scope=\"row\" colspan=\"2\">Tax</th><td id=\"tax\">").Append(Money(session.AmountTax, session.Currency)).Append("</td></tr>");
        }

        html.Append("<tr><th scope=\"row\" colspan=\"2\">Total due</th><td id=\"total\">")
            .Append(Money(session.AmountTotal, session.Currency)).Append("</td></tr></tfoot>\n</table>\n</section>\n");
    }

    private static void AppendPaymentForm(StringBuilder html, SessionView session, string? describedBy, string? email, string? name, BuyerDetailsForm details)
    {
        var described = describedBy is null ? "" : $" aria-describedby=\"{describedBy}\"";
        html.Append("<form method=\"post\" action=\"").Append(E(session.Id)).Append("\" aria-labelledby=\"pay-heading\">\n")
            .Append("<h2 id=\"pay-heading\">Contact and payment</h2>\n")
            .Append("<label for=\"email\">Email</label>\n<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required")
            .Append(described).Append(" value=\"").Append(E(email ?? "")).Append("\">\n")
            .Append("<label for=\"name\">Full name</label>\n<input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"name\" required")
            .Append(described).Append(" value=\"").Append(E(name ?? "")).Append("\">\n");
        AppendBuyerDetails(html, session, described, details);
        if (session.AllowPromotionCodes && session.AppliedCode is null)
        {
            // A second submit button in the same form keeps what the buyer typed in the other fields.
            html.Append("<label for=\"promotion_code\">Promotion code (optional)</label>\n")
                .Append("<input id=\"promotion_code\" name=\"promotion_code\" type=\"text\" autocomplete=\"off\"").Append(described).Append(">\n")
                .Append("<button type=\"submit\" name=\"action\" value=\"apply_code\" formnovalidate>Apply code</button>\n");
        }

        html            .Append("<p class=\"hint\">Test card 4242 4242 4242 4242 is assumed; choose an outcome below.</p>\n")
            .Append("<div class=\"actions\">\n")
            .Append("<button type=\"submit\" name=\"action\" value=\"pay\" class=\"primary\">Pay ")
            .Append(Money(session.AmountTotal, session.Currency)).Append("</button>\n")
            .Append("<button type=\"submit\" name=\"action\" value=\"decline\" formnovalidate>Decline (card declined)</button>\n")
            .Append("<button type=\"submit\" name=\"action\" value=\"delayed\">Pay by bank debit (delayed)</button>\n")
            .Append("</div>\n</form>\n");
        if (session.CancelUrl is not null)
        {
            html.Append("<p><a href=\"").Append(E(session.CancelUrl)).Append("\">Cancel and return to the shop</a></p>\n");
        }
    }

    // Stripe asks for the whole address only when told it is required; "auto" asks for what the payment method needs (country, postal code).
    private static void AppendBuyerDetails(StringBuilder html, SessionView session, string described, BuyerDetailsForm details)
    {
        void Field(string id, string label, string autocomplete, string value, bool required) =>
            html.Append("<label for=\"").Append(id).Append("\">").Append(label).Append(required ? "" : " (optional)").Append("</label>\n<input id=\"")
                .Append(id).Append("\" name=\"").Append(id).Append("\" type=\"text\" autocomplete=\"").Append(autocomplete).Append('"')
                .Append(required ? " required" : "").Append(described).Append(" value=\"").Append(E(value)).Append("\">\n");

        if (session.BillingAddressCollection is { } collection)
        {
            var full = collection == "required";
            html.Append("<fieldset>\n<legend>Billing address</legend>\n");
            if (full)
            {
                Field("address_line1", "Address line 1", "address-line1", details.Line1, true);
                Field("address_line2", "Address line 2", "address-line2", details.Line2, false);
                Field("address_city", "City", "address-level2", details.City, true);
                Field("address_state", "State or region", "address-level1", details.State, false);
            }

            Field("address_postal_code", "Postal code", "postal-code", details.PostalCode, full);
            Field("address_country", "Country (two-letter code)", "country", details.Country, full || session.AutomaticTax);
            html.Append("</fieldset>\n");
        }

        if (session.TaxIdCollection)
        {
            html.Append("<fieldset>\n<legend>Purchasing as a business</legend>\n");
            Field("business_name", "Business name", "organization", details.BusinessName, false);
            Field("tax_id", "Tax ID (e.g. VAT number)", "off", details.TaxId, false);
            html.Append("</fieldset>\n");
        }
    }

    private static void AppendOutcome(StringBuilder html, SessionView session)
    {
        html.Append("<section aria-labelledby=\"status-heading\">\n<h2 id=\"status-heading\">Status</h2>\n<p id=\"status\">");
        html.Append((session.Status, session.PaymentStatus, session.AwaitingSettlement) switch
        {
            ("complete", "paid", _) => "Payment complete.",
            ("complete", _, true) => "Bank debit submitted: waiting for the bank to settle it.",
            ("complete", _, false) => "The bank debit failed. No payment was taken.",
            _ => "This checkout has expired. Return to the shop and start again.",
        }).Append("</p>\n");
        if (session.AwaitingSettlement)
        {
            html.Append("<form method=\"post\" action=\"").Append(E(session.Id)).Append("/settle\" aria-label=\"Settle the bank debit\">\n")
                .Append("<button type=\"submit\" name=\"outcome\" value=\"succeeded\">Bank debit succeeds</button>\n")
                .Append("<button type=\"submit\" name=\"outcome\" value=\"failed\">Bank debit fails</button>\n</form>\n");
        }

        html.Append("</section>\n");
    }

    private static string E(string text) => Encoder.Encode(text);
}
