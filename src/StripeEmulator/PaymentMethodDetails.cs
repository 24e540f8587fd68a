using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>
/// A charge's <c>payment_method_details</c> in Stripe's shape: <c>type</c> plus an object under the type's name. The values are
/// Stripe's own test instruments (card 4242 4242 4242 4242, the test bank account ending 6789, the test IBAN ending 3000).
/// </summary>
internal static class PaymentMethodDetails
{
    public static JsonObject For(string type, long created)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(created).UtcDateTime.Year + 3;
        JsonObject? details = type switch
        {
            "card" => new JsonObject
            {
                ["amount_authorized"] = null,
                ["authorization_code"] = null,
                ["brand"] = "visa",
                ["checks"] = new JsonObject { ["address_line1_check"] = null, ["address_postal_code_check"] = null, ["cvc_check"] = "pass" },
                ["country"] = "US",
                ["exp_month"] = 12,
                ["exp_year"] = expires,
                ["fingerprint"] = "emuVisa4242Fp",
                ["funding"] = "credit",
                ["installments"] = null,
                ["last4"] = "4242",
                ["mandate"] = null,
                ["network"] = "visa",
                ["network_token"] = new JsonObject { ["used"] = false },
                ["three_d_secure"] = null,
                ["wallet"] = null,
            },
            "us_bank_account" => new JsonObject
            {
                ["account_holder_type"] = "individual",
                ["account_type"] = "checking",
                ["bank_name"] = "STRIPE TEST BANK",
                ["fingerprint"] = "emuBank6789Fp",
                ["last4"] = "6789",
                ["mandate"] = null,
                ["payment_reference"] = null,
                ["routing_number"] = "110000000",
            },
            "sepa_debit" => new JsonObject
            {
                ["bank_code"] = "37040044",
                ["branch_code"] = null,
                ["country"] = "DE",
                ["fingerprint"] = "emuSepa3000Fp",
                ["last4"] = "3000",
                ["mandate"] = StripeIds.New("mandate"),
            },
            _ => new JsonObject(),
        };
        return new JsonObject { [type] = details, ["type"] = type };
    }
}
