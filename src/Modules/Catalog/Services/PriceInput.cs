using System.Globalization;
using System.Text.RegularExpressions;

namespace Storefront.Catalog.Services;

/// <summary>
/// Turns what an editor types ("29.00", "2900" for yen) into minor units exactly: decimal arithmetic,
/// never floating point, and never more decimal places than the currency has.
/// </summary>
public static partial class PriceInput
{
    public const long MaxMinor = 99_999_999;

    public static bool TryParse(string? text, string currency, out long minor, out string? problem) =>
        TryParse(text, currency, "price", out minor, out problem);

    /// <summary>As <see cref="TryParse(string?, string, out long, out string?)"/>, naming the value <paramref name="noun"/> in its messages.</summary>
    public static bool TryParse(string? text, string currency, string noun, out long minor, out string? problem)
    {
        minor = 0;
        problem = null;
        var decimals = Money.Decimals(currency);
        var trimmed = (text ?? "").Trim();
        var example = decimals == 0 ? "2900" : "29." + new string('0', decimals);
        if (trimmed.StartsWith('-'))
        {
            problem = $"The {noun} cannot be negative.";
            return false;
        }

        var match = Amount().Match(trimmed);
        if (!match.Success)
        {
            problem = $"Enter the {noun} as a number such as {example}.";
            return false;
        }

        // However many digits were typed, an amount past the ceiling is told so, not taken for a malformed number.
        if (match.Groups["whole"].Value.TrimStart('0').Length > 12)
        {
            problem = TooHigh(noun, currency);
            return false;
        }

        var fraction = match.Groups["fraction"].Value;
        if (fraction.Length > decimals)
        {
            problem = decimals == 0
                ? $"{currency.ToUpperInvariant()} has no minor unit: enter a whole amount such as {example}."
                : $"{currency.ToUpperInvariant()} has {decimals} decimal places: enter the {noun} such as {example}.";
            return false;
        }

        var major = decimal.Parse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var scaled = major * Money.Scale(currency);
        if (scaled > MaxMinor)
        {
            problem = TooHigh(noun, currency);
            return false;
        }

        minor = (long)scaled;
        return true;
    }

    /// <summary>The editable text for a stored price: 2900 usd → "29.00", 2900 jpy → "2900".</summary>
    public static string Format(long minor, string currency) => Money.Decimal(minor, currency);

    private static string TooHigh(string noun, string currency) => $"The {noun} is too high: at most {Money.Format(MaxMinor, currency)}.";

    // ASCII digits only: \d also matches other scripts' digits, which decimal.Parse refuses.
    [GeneratedRegex(@"^(?<whole>[0-9]+)(\.(?<fraction>[0-9]*))?$")]
    private static partial Regex Amount();
}
