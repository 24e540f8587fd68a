using System.Text;
using Storefront.Email.Receipts;

namespace Storefront.Email.Refunds;

/// <summary>
/// The email a buyer gets when money goes back: how much, out of what was paid, and what they can still download.
/// One refund always gives the same Message-ID, so an outbox retry is not a second email.
/// </summary>
public static class RefundEmail
{
    public static EmailMessage Create(RefundNotice notice)
    {
        var buyerName = string.IsNullOrWhiteSpace(notice.BuyerName) ? null : ReceiptEmail.OneLine(notice.BuyerName);
        return new EmailMessage(
            new EmailAddress(notice.BuyerEmail, buyerName),
            $"Refund processed: {notice.RefundedAmount} — order {ReceiptEmail.OneLine(notice.OrderNumber)}",
            Text(notice, buyerName),
            Html(notice, buyerName),
            EmailMessageId.From("refund", notice.RefundId),
            new EmailAddress(notice.SupportEmail, notice.SiteName)) { Template = new(Templates.ShopEmailTemplates.Refund, notice) };
    }

    private static string Summary(RefundNotice notice) => notice.RefundedInFull
        ? $"We refunded {notice.RefundedAmount} of order {notice.OrderNumber} at {notice.SiteName}; the order is now refunded in full."
        : $"We refunded {notice.RefundedAmount} of the {notice.PaidAmount} you paid for order {notice.OrderNumber} at {notice.SiteName}.";

    private const string Timing = "Your bank usually shows the money within 5 to 10 business days.";

    private static string Text(RefundNotice notice, string? buyerName)
    {
        var text = new StringBuilder();
        text.Append(buyerName is null ? "Hello," : $"Hello {buyerName},").Append("\n\n");
        text.Append(Summary(notice)).Append(' ').Append(Timing).Append("\n\n");
        foreach (var access in notice.Access)
        {
            text.Append(ReceiptEmail.OneLine(access.ProductTitle)).Append(": ").Append(access.Remaining).Append('\n');
        }

        text.Append($"\nQuestions? Reply to this email or write to {notice.SupportEmail}, and mention order {notice.OrderNumber}.\n");
        AppendSeller(text, notice.Seller, "\n-- \n", "\n");
        return text.ToString();
    }

    private static string Html(RefundNotice notice, string? buyerName)
    {
        static string E(string value) => EmailHtml.Encode(value);
        var html = EmailHtml.Open($"{notice.SiteName} refund", notice.SiteName);
        html.Append($"<p>{(buyerName is null ? "Hello," : $"Hello {E(buyerName)},")}</p>\n");
        html.Append($"<p>{E(Summary(notice))} {E(Timing)}</p>\n<ul>\n");
        foreach (var access in notice.Access)
        {
            html.Append($"<li><strong>{E(ReceiptEmail.OneLine(access.ProductTitle))}</strong>: {E(access.Remaining)}</li>\n");
        }

        html.Append("</ul>\n<p style=\"font-size:14px;\">Questions? Reply to this email or write to ");
        html.Append($"<a href=\"mailto:{E(notice.SupportEmail)}\">{E(notice.SupportEmail)}</a>, and mention order {E(notice.OrderNumber)}.</p>\n");
        if (notice.Seller is not null)
        {
            html.Append("<p style=\"font-size:12px;color:#57606a;margin-top:24px;\">");
            AppendSeller(html, notice.Seller with { Name = E(notice.Seller.Name), AddressLines = notice.Seller.AddressLines.Select(E).ToList() }, "", "<br>");
            html.Append("</p>\n");
        }

        return EmailHtml.Close(html);
    }

    private static void AppendSeller(StringBuilder output, SellerDetails? seller, string before, string separator)
    {
        if (seller is null)
        {
            return;
        }

        output.Append(before).Append(seller.Name);
        foreach (var address in seller.AddressLines)
        {
            output.Append(separator).Append(address);
        }

        output.Append(separator == "\n" ? "\n" : "");
    }
}
