using System.Security.Cryptography;
using System.Text;

namespace Storefront.Licensing.Keys;

/// <summary>
/// Licence keys as buyers read, type and paste them: four groups of five characters from Crockford's base-32 alphabet
/// (no I, L, O or U, so nothing reads as another character), 100 bits from the operating system's CSPRNG, so a key cannot
/// be guessed however many are tried against the rate-limited API.
/// </summary>
public static class LicenseKeyFormat
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Groups = 4;
    private const int GroupLength = 5;
    private const int Length = Groups * GroupLength;

    /// <summary>The longest input worth reading as a key: spaces and hyphens around a pasted key are forgiven, a paragraph is not.</summary>
    public const int MaxInputLength = 64;

    public static string New() => Format(RandomNumberGenerator.GetString(Alphabet, Length));

    /// <summary>
    /// The canonical form of what a buyer typed, or null when it cannot be a key. Case, spaces and hyphens do not matter, and
    /// the letters people confuse with digits (O, I, L) are read as the digits, as Crockford's alphabet intends.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > MaxInputLength)
        {
            return null;
        }

        var symbols = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is '-' || char.IsWhiteSpace(c))
            {
                continue;
            }

            var symbol = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(symbol, StringComparison.Ordinal) || symbols.Length == Length)
            {
                return null;
            }

            symbols.Append(symbol);
        }

        return symbols.Length == Length ? Format(symbols.ToString()) : null;
    }

    private static string Format(string symbols) =>
        string.Join('-', Enumerable.Range(0, Groups).Select(g => symbols.Substring(g * GroupLength, GroupLength)));

    /// <summary>The last group only, for logs and the audit trail: enough to tell keys apart, useless to anyone who reads it.</summary>
    public static string Masked(string key) => "…-" + key[^GroupLength..];
}
