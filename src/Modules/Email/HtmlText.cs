namespace Storefront.Email;

/// <summary>Escaping for the HTML parts of the shop's emails, where every value may be buyer input.</summary>
internal static class HtmlText
{
    // WebUtility.HtmlEncode turns every Latin-1 letter into a numeric entity, which makes the source
    // unreadable for 'Zoë'; text and double-quoted attributes need only these five escaped.
    public static string Encode(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
