using System.Globalization;

namespace Storefront.Catalog.Services;

/// <summary>Formats minor-unit amounts for their currency (¥2900 has no cents; $29.00 has two digits).</summary>
public static class Money
{
    // ISO 4217 currencies Stripe treats as zero-decimal; three-decimal ones Stripe does not sell in.
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

    public static int Decimals(string currency) => ZeroDecimal.Contains(currency) ? 0 : 2;

    public static string Format(long minor, string currency)
    {
        var decimals = Decimals(currency);
        var major = decimals == 0 ? minor : minor / 100m;
        var number = major.ToString(decimals == 0 ? "#,0" : "#,0.00", CultureInfo.InvariantCulture);
        return Symbols.TryGetValue(currency, out var symbol) ? symbol + number : $"{number} {currency.ToUpperInvariant()}";
    }

    /// <summary>The plain decimal string schema.org wants ("29.00").</summary>
    public static string Decimal(long minor, string currency) => Decimals(currency) == 0
        ? minor.ToString(CultureInfo.InvariantCulture)
        : (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static bool IsKnownCurrency(string currency) => currency.Length == 3 && currency.All(char.IsAsciiLetterLower);
}
