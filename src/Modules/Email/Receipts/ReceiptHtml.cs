using System.Text;

namespace Storefront.Email.Receipts;

/// <summary>
/// The HTML part. Email clients ignore style sheets and block remote content, so the layout is one
/// column of inline-styled blocks with no images. Every value is encoded: buyer names are buyer input.
/// </summary>
internal static class ReceiptHtml
{
    private const string Font = "font-family:Helvetica,Arial,sans-serif;color:#1f2328;";

    public static string Render(Receipt receipt, string? buyerName)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append($"<title>{E(receipt.SiteName)} receipt</title></head>\n");
        html.Append($"<body style=\"margin:0;padding:24px;background:#f6f8fa;{Font}\">\n");
        html.Append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:6px;\">\n");
        html.Append($"<h1 style=\"font-size:20px;margin:0 0 16px;\">{E(receipt.SiteName)}</h1>\n");
        html.Append($"<p>{(buyerName is null ? "Hello," : $"Hello {E(buyerName)},")}</p>\n");
        html.Append($"<p>Thank you for your order <strong>{E(receipt.OrderNumber)}</strong>. You paid <strong>{E(receipt.PaidAmount)}</strong>.</p>\n");
        foreach (var line in receipt.Lines)
        {
            html.Append("<div style=\"border:1px solid #d0d7de;border-radius:6px;padding:16px;margin:16px 0;\">\n");
            html.Append($"<p style=\"margin:0 0 12px;font-weight:bold;\">{E(ReceiptEmail.OneLine(line.ProductTitle))}</p>\n");
            html.Append($"<p style=\"margin:0 0 12px;\"><a href=\"{E(line.DownloadUrl.AbsoluteUri)}\" ");
            html.Append("style=\"display:inline-block;background:#1f6feb;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;\">");
            html.Append("Download</a></p>\n");
            html.Append($"<p style=\"margin:0;font-size:14px;\">{E(ReceiptEmail.Limits(line))}.</p>\n");
            html.Append("</div>\n");
        }

        html.Append("<p style=\"font-size:14px;\">Each download counts once, so save the file when it arrives. ");
        html.Append("The link stops working after the last download or at the time above, whichever comes first.</p>\n");
        if (receipt.LibraryUrl is { } library)
        {
            html.Append($"<p style=\"font-size:14px;\">Lost this email? Your purchases and fresh links are in ");
            html.Append($"<a href=\"{E(library.AbsoluteUri)}\">your library</a>.</p>\n");
        }

        html.Append($"<p style=\"font-size:14px;\">Need help? Reply to this email or write to ");
        html.Append($"<a href=\"mailto:{E(receipt.SupportEmail)}\">{E(receipt.SupportEmail)}</a>, and mention order {E(receipt.OrderNumber)}.</p>\n");
        if (receipt.Seller is { } seller)
        {
            html.Append("<p style=\"font-size:12px;color:#57606a;margin-top:24px;\">").Append(E(seller.Name));
            foreach (var address in seller.AddressLines)
            {
                html.Append("<br>").Append(E(address));
            }

            html.Append("</p>\n");
        }

        html.Append("</div>\n</body></html>\n");
        return html.ToString();
    }

    // WebUtility.HtmlEncode turns every Latin-1 letter into a numeric entity, which makes the source
    // unreadable for 'Zoë'; text and double-quoted attributes need only these five escaped.
    private static string E(string value) => value
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
