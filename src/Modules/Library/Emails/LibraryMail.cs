using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Storefront.Email;

namespace Storefront.Library.Emails;

/// <summary>Who the library's emails come from and where replies go: the shop, by its name.</summary>
public sealed record ShopSender(string SiteName, string SupportEmail)
{
    public EmailAddress ReplyTo => new(SupportEmail, SiteName);
}

/// <summary>
/// The one-column, inline-styled HTML frame the library's emails share (email clients ignore style sheets), and the
/// encoding of every value put into it: emails and titles are buyer and editor input.
/// </summary>
internal static class LibraryMail
{
    private const string Font = "font-family:Helvetica,Arial,sans-serif;color:#1f2328;";

    // Only what HTML needs escaped: names in any script stay readable in the source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string E(string value) => Encoder.Encode(value);

    public static string Html(ShopSender shop, string title, string body) =>
        new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append($"<title>{E(title)}</title></head>\n")
            .Append($"<body style=\"margin:0;padding:24px;background:#f6f8fa;{Font}\">\n")
            .Append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px;\">\n")
            .Append($"<h1 style=\"font-size:20px;margin:0 0 16px;\">{E(shop.SiteName)}</h1>\n")
            .Append(body)
            .Append($"<p style=\"font-size:14px;\">Need help? Reply to this email or write to <a href=\"mailto:{E(shop.SupportEmail)}\">{E(shop.SupportEmail)}</a>.</p>\n")
            .Append("</div>\n</body></html>\n")
            .ToString();

    public static string Button(Uri url, string label) =>
        $"<p style=\"margin:0 0 12px;\"><a href=\"{E(url.AbsoluteUri)}\" style=\"display:inline-block;background:#1f6feb;color:#ffffff;"
        + $"padding:10px 16px;border-radius:6px;text-decoration:none;\">{E(label)}</a></p>\n";

    /// <summary>"2 downloads left, until 23 Nov 2026 21:40 UTC": no reader has to guess a time zone or date order.</summary>
    public static string Limits(int usesLeft, DateTime expiresUtc) =>
        $"{usesLeft} download{(usesLeft == 1 ? "" : "s")} left, until {Moment(expiresUtc)}";

    public static string Moment(DateTime utc) => utc.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string OneLine(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
