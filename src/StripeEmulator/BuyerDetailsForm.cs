using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Storefront.StripeEmulator;

/// <summary>
/// The billing address and tax id fields of the hosted page, shown only when the session asked for them
/// (<c>billing_address_collection</c>, <c>tax_id_collection[enabled]</c>), read into Stripe's <c>customer_details</c> shape.
/// </summary>
internal sealed record BuyerDetailsForm(
    string Line1, string Line2, string City, string PostalCode, string State, string Country, string BusinessName, string TaxId)
{
    public static readonly BuyerDetailsForm Empty = new("", "", "", "", "", "", "", "");

    // EU member states' VAT prefixes (Greece uses EL); Stripe names these eu_vat, the UK's gb_vat.
    private static readonly HashSet<string> EuVatPrefixes =
    [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV",
        "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
    ];

    public static BuyerDetailsForm Read(IFormCollection form)
    {
        string Field(string name) => form[name].ToString().Trim();
        return new(Field("address_line1"), Field("address_line2"), Field("address_city"), Field("address_postal_code"),
            Field("address_state"), Field("address_country").ToUpperInvariant(), Field("business_name"), Field("tax_id").ToUpperInvariant());
    }

    /// <summary>Why the page cannot be submitted as filled in, or null.</summary>
    public string? Problem(string? billingAddressCollection, bool taxIds, bool automaticTax = false)
    {
        if (automaticTax && Country.Length == 0)
        {
            return "Enter your billing country: the tax depends on it.";
        }

        if (billingAddressCollection == "required" && (Line1.Length == 0 || City.Length == 0 || PostalCode.Length == 0 || Country.Length == 0))
        {
            return "Enter your billing address: street, city, postal code and country.";
        }

        if (billingAddressCollection is not null && Country.Length > 0 && (Country.Length != 2 || !Country.All(char.IsAsciiLetterUpper)))
        {
            return "Enter the country as its two-letter code, such as DE or US.";
        }

        if (taxIds && TaxId.Length > 0 && (TaxId.Length < 4 || TaxId.Length > 30 || !TaxId.All(char.IsAsciiLetterOrDigit)))
        {
            return "Enter the tax ID without spaces, such as DE123456789.";
        }

        return null;
    }

    /// <summary>Stripe's <c>address</c> object: every key present, empty ones null.</summary>
    public JsonObject? Address(string? billingAddressCollection) => billingAddressCollection is null ? null : new JsonObject
    {
        ["city"] = NullIfEmpty(City),
        ["country"] = NullIfEmpty(Country),
        ["line1"] = NullIfEmpty(Line1),
        ["line2"] = NullIfEmpty(Line2),
        ["postal_code"] = NullIfEmpty(PostalCode),
        ["state"] = NullIfEmpty(State),
    };

    public (string Type, string Value)? TaxIdEntry(bool taxIds) => !taxIds || TaxId.Length == 0 ? null
        : (TaxId[..2] == "GB" ? "gb_vat" : EuVatPrefixes.Contains(TaxId[..2]) ? "eu_vat" : "unknown", TaxId);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
