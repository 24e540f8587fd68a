using System.Globalization;
using Storefront.Catalog.Services;

namespace Storefront.Payments.Promotions;

/// <summary>A code as the admin form or a recipe describes it, before anything is saved; products by slug.</summary>
public sealed record PromotionDraft(
    string Code, DiscountKind Kind, long Value, string? Currency, DateTime? ExpiresAt, long? MaxRedemptions,
    IReadOnlyList<string> ProductSlugs, bool OncePerCustomer)
{
    public const int MaxCodeLength = 40;

    /// <summary>Stripe's own rule for customer-facing codes: letters, digits and dashes.</summary>
    public static string? CodeProblem(string? code) =>
        string.IsNullOrWhiteSpace(code) ? "Enter a code, such as SPRING-10."
        : code.Trim().Length is < 3 or > MaxCodeLength ? $"A code has 3 to {MaxCodeLength} characters."
        : !code.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? "A code may contain only letters A–Z, digits and dashes."
        : null;

    /// <summary>Every problem with the draft itself, by field; uniqueness and products are checked against the database by the caller.</summary>
    public IEnumerable<(string Field, string Message)> Problems(DateTime now)
    {
        if (CodeProblem(Code) is { } codeProblem)
        {
            yield return ("code", codeProblem);
        }

        if (Kind == DiscountKind.Percent && Value is < 1 or > 100)
        {
            yield return ("value", "A percentage off is a whole number from 1 to 100.");
        }

        if (Kind == DiscountKind.Amount)
        {
            if (Value < 1)
            {
                yield return ("value", "An amount off must be more than zero.");
            }

            if (Currency is null || !Money.IsKnownCurrency(Currency))
            {
                yield return ("currency", "An amount off needs its currency, as a three-letter code such as usd or eur.");
            }
        }

        if (ExpiresAt is { } expires && expires <= now)
        {
            yield return ("expires", "The expiry must be in the future.");
        }

        // The recipe step takes the same range, so an exported shop imports again.
        if (MaxRedemptions is < 1 or > int.MaxValue)
        {
            yield return ("maxRedemptions", $"The maximum number of redemptions must be between 1 and {int.MaxValue}, or left empty for no limit.");
        }
    }

    /// <summary>How the discount reads to a person: "15 %" or "5.00 EUR".</summary>
    public static string Describe(DiscountKind kind, long value, string? currency) => kind == DiscountKind.Percent
        ? value.ToString(CultureInfo.InvariantCulture) + " %"
        : Money.FormatWithCode(value, currency ?? "usd");
}
