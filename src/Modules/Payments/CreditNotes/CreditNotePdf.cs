using Storefront.Catalog.Services;
using Storefront.Payments.Invoices;

namespace Storefront.Payments.CreditNotes;

/// <summary>What one credit note says: the refund, the invoice it corrects, and both parties as they were.</summary>
public sealed record CreditNoteContent(
    long Number, long? InvoiceNumber, DateTime IssuedAt, InvoiceParty Seller, InvoiceParty Buyer, string? BuyerEmail,
    long OrderNumber, string LineTitle, long AmountMinor, string Currency);

/// <summary>
/// A credit note on the layout invoices use, so the two documents a tax office compares read side by side. Amounts carry
/// an ASCII minus, which every text extractor and spreadsheet reads back as one.
/// </summary>
public static class CreditNotePdf
{
    public static byte[] Render(CreditNoteContent note, InvoiceFonts fonts) =>
        InvoicePdf.Draw($"Credit note {note.Number}", note.IssuedAt, fonts, page =>
        {
            var (text, bold) = (page.Text, page.Bold);
            page.Paragraph($"Credit note {note.Number}", page.Title);
            page.Space(10);
            InvoicePdf.Party(page, note.Seller, null);
            page.Space(15);
            page.Paragraph("Credited to", bold);
            InvoicePdf.Party(page, note.Buyer, note.BuyerEmail);
            page.Space(15);
            page.Paragraph($"Credit note number: {note.Number}", text);
            page.Paragraph(note.InvoiceNumber is { } invoice ? $"Refers to invoice: {invoice}" : "Refers to invoice: none issued", text);
            page.Paragraph($"Order number: {note.OrderNumber}", text);
            page.Paragraph($"Refunded: {InvoicePdf.Date(note.IssuedAt)} (UTC)", text);
            page.Space(20);
            page.Row("Item", "Amount", bold);
            page.Rule();
            page.Row($"Refund: {note.LineTitle}", "-" + Money.Format(note.AmountMinor, note.Currency), text);
            page.Rule();
            page.Row($"Total credited ({note.Currency.ToUpperInvariant()})", "-" + Money.FormatWithCode(note.AmountMinor, note.Currency), bold);
        });
}
