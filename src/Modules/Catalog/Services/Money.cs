using System.Globalization;

namespace Storefront.Catalog.Services;

/// <summary>Formats minor-unit amounts for their currency (¥2900 has no cents; $29.00 has two digits; 29.000 BHD has three).</summary>
public static class Money
{
    // ISO 4217 currencies Stripe treats as zero-decimal.
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
    };

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.OrdinalIgnoreCase)
    {
        ["usd"] = "$", ["eur"] = "€", ["gbp"] = "£", ["jpy"] = "¥", ["cad"] = "CA$", ["aud"] = "A$", ["chf"] = "CHF ",
        ["inr"] = "₹", ["krw"] = "₩", ["cny"] = "CN¥", ["sek"] = "SEK ", ["nok"] = "NOK ", ["dkk"] = "DKK ", ["pln"] = "PLN ",
        ["brl"] = "R$", ["mxn"] = "MX$", ["nzd"] = "NZ$",
    };

    // ISO 4217 currencies with three decimal places, which Stripe also counts in thousandths (29.000 BHD is 29000).
    private static readonly HashSet<string> ThreeDecimal = new(StringComparer.OrdinalIgnoreCase)
    {
        "bhd", "iqd", "jod", "kwd", "lyd", "omr", "tnd",
    };

    public static int Decimals(string currency) => ZeroDecimal.Contains(currency) ? 0 : ThreeDecimal.Contains(currency) ? 3 : 2;

    /// <summary>Minor units in one major unit: 1, 100 or 1000.</summary>
    public static int Scale(string currency) => Decimals(currency) switch { 0 => 1, 3 => 1000, _ => 100 };

    public static string Format(long minor, string currency)
    {
        var number = Major(minor, currency, "#,0.");
        return Symbols.TryGetValue(currency, out var symbol) ? symbol + number : $"{number} {currency.ToUpperInvariant()}";
    }

    /// <summary>The amount with its ISO code and no symbol ("29.00 USD", "2,900 JPY"): one reading wherever the document goes.</summary>
    public static string FormatWithCode(long minor, string currency) => $"{Major(minor, currency, "#,0.")} {currency.ToUpperInvariant()}";

    /// <summary>The plain decimal string schema.org wants ("29.00").</summary>
    public static string Decimal(long minor, string currency) => Major(minor, currency, "0.");

    private static string Major(long minor, string currency, string integerPattern)
    {
        var decimals = Decimals(currency);
        var major = (decimal)minor / Scale(currency);
        var pattern = decimals == 0 ? integerPattern.TrimEnd('.') : integerPattern + new string('0', decimals);
        return major.ToString(pattern, CultureInfo.InvariantCulture);
    }

    public static bool IsKnownCurrency(string currency) => currency.Length == 3 && currency.All(char.IsAsciiLetterLower);
}
