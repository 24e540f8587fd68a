using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Storefront.Email;

/// <summary>
/// The left part of a Message-ID (<c>&lt;{Value}@{domain of Email__From}&gt;</c>). Built from the
/// caller's own identifiers so the same receipt always gets the same id, whatever the retry.
/// </summary>
public sealed partial record EmailMessageId
{
    private EmailMessageId(string value) => Value = value;

    /// <summary>Letters, digits and <c>.-_+</c>: valid in a Message-ID and in a file name on every OS.</summary>
    public string Value { get; }

    /// <summary>
    /// Joins the parts with dots. Characters outside the safe set become '-', and then a short hash of
    /// the original parts is added, so "A/1" and "A-1" cannot end up with the same id.
    /// </summary>
    public static EmailMessageId From(params string[] parts)
    {
        if (parts.Length == 0 || parts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A message id needs at least one non-empty part.", nameof(parts));
        }

        var joined = string.Join('.', parts);
        var safe = string.Join('.', parts.Select(part => Unsafe().Replace(part, "-")));
        if (safe != joined || safe.Length > 120)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(joined)))[..12];
            safe = safe[..Math.Min(safe.Length, 100)] + "." + hash;
        }

        return new EmailMessageId(safe);
    }

    public override string ToString() => Value;

    [GeneratedRegex("[^A-Za-z0-9_+-]+")]
    private static partial Regex Unsafe();
}
