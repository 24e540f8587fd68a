using System.Security.Cryptography;
using System.Text;
using Storefront.Core.Privacy;

namespace Storefront.Downloads.Stamping;

/// <summary>Turns the footer template and a buyer into the single line drawn on every page.</summary>
public static class StampTemplate
{
    /// <summary>The wording of <see cref="StampPrivacy.NameAndCode"/>, the shop's default: no email address on the page.</summary>
    public const string Default = "Licensed to {name} · Order {order} · Licence {code} · Do not distribute";

    public const string WithEmail = "Licensed to {name} · {email} · Order {order} · Licence {code} · Do not distribute";

    public const string CodeOnly = "Licence {code} · Order {order} · Do not distribute";

    public static string For(StampPrivacy privacy) => privacy switch
    {
        StampPrivacy.NameAndEmail => WithEmail,
        StampPrivacy.CodeOnly => CodeOnly,
        _ => Default,
    };

    private const int MaxFieldLength = 120;

    public static string Render(string template, StampRequest request) =>
        Clean(template)
            .Replace("{name}", Clean(request.BuyerName), StringComparison.Ordinal)
            .Replace("{email}", Clean(request.BuyerEmail), StringComparison.Ordinal)
            .Replace("{order}", Clean(request.OrderNumber), StringComparison.Ordinal)
            .Replace("{code}", LicenceCode(request.Fingerprint), StringComparison.Ordinal);

    /// <summary>
    /// A short code a buyer can quote and support can search for, derived from the fingerprint so the
    /// same purchase always shows the same code (Crockford base32 of a SHA-256 prefix, e.g. <c>7K2Q-M9XD</c>).
    /// </summary>
    public static string LicenceCode(string fingerprint)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint));
        var bits = BitConverter.ToUInt64(hash, 0);
        var code = new char[9];
        for (int i = 0, j = 0; i < 9; i++)
        {
            code[i] = i == 4 ? '-' : alphabet[(int)((bits >> (5 * j++)) & 31)];
        }
        return new string(code);
    }

    /// <summary>Buyer-typed text is one line: control characters and line breaks become spaces, length is capped.</summary>
    private static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            // Zero-width (non-)joiners stay: names in Persian or Indic scripts need them to shape as written.
            // Every other format character goes, bidi controls included: the stamp lays out its own direction.
            var invisible = Rune.IsControl(rune) || category is System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator
                || (category is System.Globalization.UnicodeCategory.Format && rune.Value is not (0x200C or 0x200D));
            builder.Append(invisible ? " " : rune.ToString());
        }
        var text = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxFieldLength ? text : text[..MaxFieldLength].TrimEnd() + "…";
    }
}
