using System.Text;

namespace Storefront.Email.Receipts;

/// <summary>
/// The HTML part. Email clients ignore style sheets and block remote content, so the layout is one
/// column of inline-styled blocks with no images. Every value is encoded: buyer names are buyer input.
/// </summary>
internal static class ReceiptHtml
{
    public static string Render(Receipt receipt, string? buyerName)
    {
        var html = EmailHtml.Open($"{receipt.SiteName} receipt", receipt.SiteName);
        html.Append($"<p>{(buyerName is null ? "Hello," : $"Hello {E(buyerName)},")}</p>\n");
        html.Append($"<p>Thank you for your order <strong>{E(receipt.OrderNumber)}</strong>. You paid <strong>{E(receipt.PaidAmount)}</strong>.</p>\n");
        if (receipt.Items is { Count: > 0 } items)
        {
            html.Append("<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;margin:16px 0;\">\n");
            foreach (var item in items)
            {
                html.Append("<tr><td style=\"padding:6px 0;border-bottom:1px solid #d0d7de;\">").Append(E(ReceiptEmail.OneLine(item.ProductTitle)));
                foreach (var detail in item.Details)
                {
                    html.Append("<br><span style=\"font-size:13px;color:#57606a;\">").Append(E(detail)).Append("</span>");
                }

                html.Append("</td><td style=\"padding:6px 0;border-bottom:1px solid #d0d7de;text-align:right;white-space:nowrap;vertical-align:top;\">")
                    .Append(E(item.Amount)).Append("</td></tr>\n");
            }

            foreach (var total in receipt.Totals ?? [])
            {
                html.Append("<tr><td style=\"padding:4px 0;\">").Append(E(total.Label)).Append("</td><td style=\"padding:4px 0;text-align:right;white-space:nowrap;\">")
                    .Append(E(total.Amount)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

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

        if (receipt.LicenseKeys is { Count: > 0 } keys)
        {
            html.Append($"<p style=\"margin:16px 0 4px;font-weight:bold;\">Your licence {(keys.Count == 1 ? "key" : "keys")}</p>\n<ul style=\"margin:0 0 16px;\">\n");
            foreach (var key in keys)
            {
                html.Append($"<li>{E(ReceiptEmail.OneLine(key.ProductTitle))}: <code style=\"font-size:16px;\">{E(key.Key)}</code></li>\n");
            }

            html.Append("</ul>\n");
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

        return EmailHtml.Close(html);
    }

    private static string E(string value) => EmailHtml.Encode(value);
}
