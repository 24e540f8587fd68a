using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Storefront.Catalog.Services;

namespace Storefront.Payments.Invoices;

/// <summary>
/// An A4 invoice with PDFsharp, text in embedded font subsets so any buyer's name reads back. Every line is wrapped to
/// the page's width (long product titles, long names and addresses); content that outgrows a page continues on the next.
/// </summary>
public static class InvoicePdf
{
    private const double Margin = 50;

    public static byte[] Render(InvoiceContent invoice, InvoiceFonts fonts) =>
        Draw($"Invoice {invoice.Number}", invoice.IssuedAt, fonts, page => Write(page, invoice));

    /// <summary>
    /// A billing document (an invoice, a credit note) on this layout. Fixed dates keep one document's bytes the same
    /// whenever it is drawn: the document says when it was issued.
    /// </summary>
    internal static byte[] Draw(string title, DateTime issuedAt, InvoiceFonts fonts, Action<InvoicePage> write)
    {
        using var document = new PdfDocument();
        document.Info.Title = title;
        // PDFsharp's Flate streams lack zlib's Adler-32 trailer, which strict readers (qpdf --check) reject.
        document.Options.CompressContentStreams = false;
        document.Options.NoCompression = true;
        document.Info.CreationDate = DateTime.SpecifyKind(issuedAt, DateTimeKind.Utc);
        document.Info.ModificationDate = document.Info.CreationDate;
        using (var page = new InvoicePage(document, fonts, Margin))
        {
            write(page);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void Write(InvoicePage page, InvoiceContent invoice)
    {
        var (text, bold) = (page.Text, page.Bold);
        page.Paragraph($"Invoice {invoice.Number}", page.Title);
        page.Space(10);
        Party(page, invoice.Seller, null);
        page.Space(15);
        page.Paragraph("Billed to", bold);
        Party(page, invoice.Buyer, invoice.BuyerEmail);
        page.Space(15);
        page.Paragraph($"Invoice number: {invoice.Number}", text);
        page.Paragraph($"Invoice date: {Date(invoice.IssuedAt)}", text);
        page.Paragraph($"Order number: {invoice.OrderNumber}", text);
        page.Paragraph($"Paid: {Date(invoice.PaidAt)} (UTC)", text);
        if (invoice.PaymentMethod is { } method)
        {
            page.Paragraph($"Payment method: {method}", text);
        }

        page.Space(20);
        var amounts = invoice.Amounts;
        page.Row("Item", "Amount", bold);
        page.Rule();
        foreach (var line in invoice.Lines)
        {
            page.Row(line.Title, Money.Format(line.Amount, amounts.Currency), text);
            foreach (var note in line.Notes)
            {
                page.Paragraph("    " + note, text);
            }
        }

        page.Rule();
        if (amounts.Discount != 0 || amounts.Tax != 0 || invoice.Lines.Count > 1)
        {
            page.Row("Subtotal", Money.Format(amounts.Item, amounts.Currency), text);
        }

        if (amounts.Discount != 0)
        {
            page.Row("Discount", "−" + Money.Format(amounts.Discount, amounts.Currency), text);
        }

        if (amounts.Tax != 0)
        {
            page.Row("Tax", Money.Format(amounts.Tax, amounts.Currency), text);
        }

        page.Row($"Total ({amounts.Currency.ToUpperInvariant()})", Money.FormatWithCode(amounts.Total, amounts.Currency), bold);
        if (invoice.LicenseKeys.Count > 0)
        {
            page.Space(20);
            page.Paragraph(invoice.LicenseKeys.Count == 1 ? "Licence key" : "Licence keys", bold);
            foreach (var key in invoice.LicenseKeys)
            {
                page.Paragraph(key, text);
            }
        }
    }

    internal static void Party(InvoicePage page, InvoiceParty party, string? email)
    {
        page.Paragraph(party.Name ?? "—", page.Bold);
        foreach (var line in party.Lines)
        {
            page.Paragraph(line, page.Text);
        }

        if (email is not null)
        {
            page.Paragraph(email, page.Text);
        }

        foreach (var taxId in party.TaxIds)
        {
            page.Paragraph(taxId, page.Text);
        }
    }

    internal static string Date(DateTime at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
