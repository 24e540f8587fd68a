using System.Globalization;

namespace Storefront.Email.Receipts;

/// <summary>
/// The email a buyer gets once payment is confirmed: the download links, their limits, and where to
/// get help. The same order always gives the same Message-ID, so an outbox retry is not a second email.
/// </summary>
public static class ReceiptEmail
{
    public static EmailMessage Create(Receipt receipt)
    {
        if (receipt.Lines.Count == 0)
        {
            throw new ArgumentException("A receipt needs at least one line.", nameof(receipt));
        }

        // The link becomes an href: anything but an absolute web address (javascript:, file:) has no place there.
        if (receipt.Lines.FirstOrDefault(l => !l.DownloadUrl.IsAbsoluteUri || l.DownloadUrl.Scheme is not ("https" or "http")) is { } bad)
        {
            throw new ArgumentException($"The download link for '{bad.ProductTitle}' must be an absolute http(s) URL.", nameof(receipt));
        }

        if (receipt.LibraryUrl is { } library && (!library.IsAbsoluteUri || library.Scheme is not ("https" or "http")))
        {
            throw new ArgumentException("The library link must be an absolute http(s) URL.", nameof(receipt));
        }

        var first = OneLine(receipt.Lines[0].ProductTitle);
        var products = receipt.Lines.Count == 1 ? $"Your download: {first}" : $"Your downloads: {first} and {receipt.Lines.Count - 1} more";
        var buyerName = string.IsNullOrWhiteSpace(receipt.BuyerName) ? null : OneLine(receipt.BuyerName);
        return new EmailMessage(
            new EmailAddress(receipt.BuyerEmail, buyerName),
            $"{products} — order {OneLine(receipt.OrderNumber)}",
            ReceiptText.Render(receipt, buyerName),
            ReceiptHtml.Render(receipt, buyerName),
            EmailMessageId.From("receipt", receipt.OrderNumber),
            new EmailAddress(receipt.SupportEmail, receipt.SiteName)) { Template = new(Templates.ShopEmailTemplates.Receipt, receipt) };
    }

    /// <summary>
    /// "3 downloads, until 23 Nov 2026 21:40 UTC": spelled out so no reader has to guess a time zone or date order. A
    /// receipt sent again after some downloads says what is left ("1 of 3 downloads left"), never more than the link gives.
    /// </summary>
    public static string Limits(ReceiptLine line) =>
        (line.UsesLeft < line.UsesAllowed ? $"{line.UsesLeft} of {line.UsesAllowed} downloads left"
            : $"{line.UsesAllowed} download{(line.UsesAllowed == 1 ? "" : "s")}") + ", until " +
        line.ExpiresUtc.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    internal static string OneLine(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
