using System.Globalization;
using Storefront.Catalog.Services;
using Storefront.Payments.Invoices;

namespace Storefront.Payments.CreditNotes;

/// <summary>What one credit note says: the refund, the invoice it corrects, and both parties as they were.</summary>
public sealed record CreditNoteContent(
    long Number, long? InvoiceNumber, DateTime IssuedAt, string SellerName, IReadOnlyList<string> SellerAddress, string? BuyerName,
    string? BuyerEmail, long OrderNumber, string LineTitle, long AmountMinor, string Currency);

/// <summary>A credit note on the layout invoices use, so the two read side by side.</summary>
public static class CreditNotePdf
{
    public static byte[] Render(CreditNoteContent note) => BillingPdf.Render(new BillingDocument(
        $"Credit note {note.Number}", note.SellerName, note.SellerAddress, "Credited to", note.BuyerName, note.BuyerEmail,
        [
            $"Credit note number: {note.Number}",
            note.InvoiceNumber is { } invoice ? $"Refers to invoice: {invoice}" : "Refers to invoice: none issued",
            $"Order number: {note.OrderNumber}",
            $"Refunded: {note.IssuedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (UTC)",
        ],
        $"Refund: {note.LineTitle}", "-" + Money.Format(note.AmountMinor, note.Currency), $"Total credited ({note.Currency.ToUpperInvariant()})"));
}
