using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Storefront.Catalog.Services;

namespace Storefront.Payments.Invoices;

/// <summary>What one invoice says, gathered before drawing so the drawing needs no database.</summary>
public sealed record InvoiceContent(
    long Number, DateTime PaidAt, string SellerName, IReadOnlyList<string> SellerAddress, string? BuyerName, string? BuyerEmail,
    long OrderNumber, string LineTitle, long AmountMinor, string Currency);

/// <summary>One A4 page with PDFsharp, text in an embedded DejaVu subset so any buyer's name reads back.</summary>
public static class InvoicePdf
{
    private const string Family = "DejaVu Sans";

    static InvoicePdf()
    {
        // PDFsharp's resolver is process-wide; setting it once keeps every app instance in the process on the same fonts.
        GlobalFontSettings.FontResolver ??= new DejaVuFonts();
    }

    public static byte[] Render(InvoiceContent invoice)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.Number}";
        // PDFsharp's Flate streams lack zlib's Adler-32 trailer, which strict readers (qpdf --check) reject.
        document.Options.CompressContentStreams = false;
        document.Options.NoCompression = true;
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
            var title = new XFont(Family, 20, XFontStyleEx.Bold, options);
            var bold = new XFont(Family, 10, XFontStyleEx.Bold, options);
            var text = new XFont(Family, 10, XFontStyleEx.Regular, options);
            var y = 60.0;
            void Line(string value, XFont font, double x = 50)
            {
                gfx.DrawString(value, font, XBrushes.Black, x, y);
                y += font.Size * 1.5;
            }

            Line($"Invoice {invoice.Number}", title);
            y += 10;
            Line(invoice.SellerName, bold);
            foreach (var address in invoice.SellerAddress)
            {
                Line(address, text);
            }

            y += 15;
            Line("Billed to", bold);
            Line(invoice.BuyerName ?? "—", text);
            Line(invoice.BuyerEmail ?? "—", text);
            y += 15;
            Line($"Invoice number: {invoice.Number}", text);
            Line($"Order number: {invoice.OrderNumber}", text);
            Line($"Paid: {invoice.PaidAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (UTC)", text);
            y += 20;
            var amount = Money.Format(invoice.AmountMinor, invoice.Currency);
            gfx.DrawString("Item", bold, XBrushes.Black, 50, y);
            gfx.DrawString("Amount", bold, XBrushes.Black, 450, y);
            y += 16;
            gfx.DrawString(invoice.LineTitle, text, XBrushes.Black, 50, y);
            gfx.DrawString(amount, text, XBrushes.Black, 450, y);
            y += 24;
            gfx.DrawString($"Total ({invoice.Currency.ToUpperInvariant()})", bold, XBrushes.Black, 50, y);
            gfx.DrawString(amount, bold, XBrushes.Black, 450, y);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Debian's fonts-dejavu-core: present wherever the stamper runs, and covering Latin, Greek and Cyrillic.</summary>
    private sealed class DejaVuFonts : IFontResolver
    {
        private const string Folder = "/usr/share/fonts/truetype/dejavu/";

        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[] GetFont(string faceName) => File.ReadAllBytes(Folder + faceName + ".ttf");
    }
}
