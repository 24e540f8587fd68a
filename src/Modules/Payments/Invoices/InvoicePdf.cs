using System.Globalization;
using Storefront.Catalog.Services;

namespace Storefront.Payments.Invoices;

/// <summary>What one invoice says, gathered before drawing so the drawing needs no database.</summary>
public sealed record InvoiceContent(
    long Number, DateTime PaidAt, string SellerName, IReadOnlyList<string> SellerAddress, string? BuyerName, string? BuyerEmail,
    long OrderNumber, string LineTitle, long AmountMinor, string Currency);

/// <summary>An invoice on the shared billing layout.</summary>
public static class InvoicePdf
{
    public static byte[] Render(InvoiceContent invoice) => BillingPdf.Render(new BillingDocument(
        $"Invoice {invoice.Number}", invoice.SellerName, invoice.SellerAddress, "Billed to", invoice.BuyerName, invoice.BuyerEmail,
        [
            $"Invoice number: {invoice.Number}",
            $"Order number: {invoice.OrderNumber}",
            $"Paid: {invoice.PaidAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (UTC)",
        ],
        invoice.LineTitle, Money.Format(invoice.AmountMinor, invoice.Currency), $"Total ({invoice.Currency.ToUpperInvariant()})"));
}
