using System.Text;

namespace Storefront.Email.Disputes;

/// <summary>The HTML part of the dispute emails, in the frame every email shares; every value is encoded, names and reasons being outside input.</summary>
internal static class DisputeText
{
    public static string Html(string siteName, string title, IReadOnlyList<string> paragraphs,
        IReadOnlyList<(string Label, string Value)>? facts = null, (string Text, Uri Url)? link = null)
    {
        var html = EmailHtml.Open(title, siteName);
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

        return EmailHtml.Close(html);
    }

    public static string OneLine(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string E(string value) => EmailHtml.Encode(value);
}
