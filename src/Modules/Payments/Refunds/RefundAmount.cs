using System.Globalization;
using Storefront.Catalog.Services;

namespace Storefront.Payments.Refunds;

/// <summary>
/// Reads an amount typed by an administrator ("12.50", "1500" for yen) into the currency's minor unit, refusing what the
/// currency cannot hold (cents of a yen, a third decimal of a dollar) rather than rounding money silently.
/// </summary>
public static class RefundAmount
{
    public static bool TryParse(string? text, string currency, out long minor, out string error)
    {
        minor = 0;
        var decimals = Money.Decimals(currency);
        var code = currency.ToUpperInvariant();
        var value = (text ?? "").Trim();
        error = decimals == 0
            ? $"Enter the amount in whole {code}, such as 1500: {code} has no smaller unit."
            : $"Enter the amount in {code} with at most {decimals} decimals, such as 12.50.";
        // Fifteen characters hold more than any single payment (and never overflow a long); longer input is a typo.
        if (value.Length is 0 or > 15)
        {
            return false;
        }

        var parts = value.Split('.');
        if (parts.Length > 2 || parts[0].Length == 0 || (parts.Length == 2 && parts[1].Length is 0 || parts.Length == 2 && parts[1].Length > decimals)
            || !parts.All(p => p.All(char.IsAsciiDigit)))
        {
            return false;
        }

        var fraction = parts.Length == 2 ? parts[1].PadRight(decimals, '0') : new string('0', decimals);
        if (!long.TryParse(parts[0] + fraction, NumberStyles.None, CultureInfo.InvariantCulture, out minor) || minor <= 0)
        {
            error = "The amount must be more than zero.";
            minor = 0;
            return false;
        }

        return true;
    }

    /// <summary>The form's default: the remaining amount written as <see cref="TryParse"/> reads it back.</summary>
    public static string Format(long minor, string currency) => Money.Decimal(minor, currency);
}
