using System.Text;

namespace Storefront.Email.Disputes;

/// <summary>The HTML part of the dispute emails: one inline-styled column, every value encoded, as email clients need.</summary>
internal static class DisputeText
{
    private const string Font = "font-family:Helvetica,Arial,sans-serif;color:#1f2328;";

    public static string Html(string siteName, string title, IReadOnlyList<string> paragraphs,
        IReadOnlyList<(string Label, string Value)>? facts = null, (string Text, Uri Url)? link = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append($"<title>{E(title)}</title></head>\n");
        html.Append($"<body style=\"margin:0;padding:24px;background:#f6f8fa;{Font}\">\n");
        html.Append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px;\">\n");
        html.Append($"<h1 style=\"font-size:20px;margin:0 0 16px;\">{E(siteName)}</h1>\n");
        foreach (var paragraph in paragraphs)
        {
            html.Append($"<p>{E(paragraph)}</p>\n");
        }

        if (facts is not null)
        {
            html.Append("<table role=\"presentation\" style=\"border-collapse:collapse;margin:16px 0;\">\n");
            foreach (var (label, value) in facts)
            {
                html.Append($"<tr><th scope=\"row\" style=\"text-align:left;padding:4px 16px 4px 0;\">{E(label)}</th><td style=\"padding:4px 0;\">{E(value)}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (link is { } target)
        {
            html.Append($"<p><a href=\"{E(target.Url.AbsoluteUri)}\" style=\"display:inline-block;background:#1f6feb;color:#ffffff;padding:10px 16px;");
            html.Append($"border-radius:6px;text-decoration:none;\">{E(target.Text)}</a></p>\n");
        }

        html.Append("</div>\n</body></html>\n");
        return html.ToString();
    }

    public static string OneLine(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // Text and double-quoted attributes need only these five escaped; buyer names and reasons are outside input.
    private static string E(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
