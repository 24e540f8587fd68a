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

    // Kept by hand: .NET lists no currencies without ICU's region data. Current and recently withdrawn codes (Stripe
    // still takes some), no metals or test codes.
    private static readonly HashSet<string> IsoCurrencies = new(StringComparer.Ordinal)
    {
        "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bhd", "bif",
        "bmd", "bnd", "bob", "bov", "brl", "bsd", "btn", "bwp", "byn", "bzd", "cad", "cdf", "che", "chf", "chw", "clf",
        "clp", "cny", "cop", "cou", "crc", "cuc", "cup", "cve", "czk", "djf", "dkk", "dop", "dzd", "egp", "ern", "etb",
        "eur", "fjd", "fkp", "gbp", "gel", "ghs", "gip", "gmd", "gnf", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr",
        "ils", "inr", "iqd", "irr", "isk", "jmd", "jod", "jpy", "kes", "kgs", "khr", "kmf", "kpw", "krw", "kwd", "kyd",
        "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "lyd", "mad", "mdl", "mga", "mkd", "mmk", "mnt", "mop", "mro", "mru",
        "mur", "mvr", "mwk", "mxn", "mxv", "myr", "mzn", "nad", "ngn", "nio", "nok", "npr", "nzd", "omr", "pab", "pen",
        "pgk", "php", "pkr", "pln", "pyg", "qar", "ron", "rsd", "rub", "rwf", "sar", "sbd", "scr", "sdg", "sek", "sgd",
        "shp", "sle", "sll", "sos", "srd", "ssp", "std", "stn", "svc", "syp", "szl", "thb", "tjs", "tmt", "tnd", "top",
        "try", "ttd", "twd", "tzs", "uah", "ugx", "usd", "usn", "uyi", "uyu", "uyw", "uzs", "ved", "ves", "vnd", "vuv",
        "wst", "xaf", "xcd", "xcg", "xof", "xpf", "yer", "zar", "zmw", "zwg", "zwl",
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

    /// <summary>
    /// A currency of ISO 4217 that money is paid in, in lower case as Stripe takes it: a typo such as "eru" is caught when
    /// the editor types it, not when a buyer's checkout fails.
    /// </summary>
    public static bool IsKnownCurrency(string currency) => IsoCurrencies.Contains(currency);
}
