using System.Text;

namespace Storefront.Email.Receipts;

/// <summary>The plain-text part: what text-only clients, screen readers and spam filters read.</summary>
internal static class ReceiptText
{
    public static string Render(Receipt receipt, string? buyerName)
    {
        var text = new StringBuilder();
        text.Append(buyerName is null ? "Hello," : $"Hello {buyerName},").Append("\n\n");
        text.Append($"Thank you for your order {receipt.OrderNumber} at {receipt.SiteName}. ");
        text.Append($"You paid {receipt.PaidAmount}.\n\n");
        if (receipt.Items is { Count: > 0 } items)
        {
            text.Append("Your order:\n");
            foreach (var item in items)
            {
                text.Append("- ").Append(ReceiptEmail.OneLine(item.ProductTitle)).Append(": ").Append(item.Amount).Append('\n');
                foreach (var detail in item.Details)
                {
                    text.Append("  ").Append(ReceiptEmail.OneLine(detail)).Append('\n');
                }
            }

            foreach (var total in receipt.Totals ?? [])
            {
                text.Append(total.Label).Append(": ").Append(total.Amount).Append('\n');
            }

            text.Append('\n');
        }

        foreach (var line in receipt.Lines)
        {
            text.Append(ReceiptEmail.OneLine(line.ProductTitle)).Append('\n');
            text.Append("Download: ").Append(line.DownloadUrl.AbsoluteUri).Append('\n');
            text.Append(ReceiptEmail.Limits(line)).Append(".\n\n");
        }

        if (receipt.LicenseKeys is { Count: > 0 } keys)
        {
            text.Append(keys.Count == 1 ? "Your licence key:\n" : "Your licence keys:\n");
            foreach (var key in keys)
            {
                text.Append(ReceiptEmail.OneLine(key.ProductTitle)).Append(": ").Append(key.Key).Append('\n');
            }

            text.Append('\n');
        }

        text.Append("Each download counts once, so save the file when it arrives. ");
        text.Append("The link stops working after the last download or at the time above, whichever comes first.\n\n");
        if (receipt.LibraryUrl is { } library)
        {
            text.Append($"Lost this email? Your purchases and fresh links are in your library: {library.AbsoluteUri}\n\n");
        }

        text.Append($"Need help? Reply to this email or write to {receipt.SupportEmail}, ");
        text.Append($"and mention order {receipt.OrderNumber}.\n");
        if (receipt.Seller is { } seller)
        {
            text.Append("\n-- \n").Append(seller.Name).Append('\n');
            foreach (var address in seller.AddressLines)
            {
                text.Append(address).Append('\n');
            }
        }

        return text.ToString();
    }
}
