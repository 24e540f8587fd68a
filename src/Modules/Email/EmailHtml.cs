using System.Text;

namespace Storefront.Email;

/// <summary>
/// The frame every HTML part shares. Email clients ignore style sheets and block remote content, so the layout is one
/// column of inline-styled blocks with no images.
/// </summary>
internal static class EmailHtml
{
    private const string Font = "font-family:Helvetica,Arial,sans-serif;color:#1f2328;";

    /// <summary>The document up to and including the shop's name as heading; the caller adds the body and <see cref="Close"/>s it.</summary>
    public static StringBuilder Open(string title, string siteName)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append($"<title>{Encode(title)}</title></head>\n");
        html.Append($"<body style=\"margin:0;padding:24px;background:#f6f8fa;{Font}\">\n");
        html.Append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px;\">\n");
        html.Append($"<h1 style=\"font-size:20px;margin:0 0 16px;\">{Encode(siteName)}</h1>\n");
        return html;
    }

    public static string Close(StringBuilder html) => html.Append("</div>\n</body></html>\n").ToString();

    // WebUtility.HtmlEncode turns every Latin-1 letter into a numeric entity, which makes the source
    // unreadable for 'Zoë'; text and double-quoted attributes need only these five escaped.
    public static string Encode(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
