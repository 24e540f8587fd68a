using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Storefront.Payments.Invoices;

/// <summary>
/// What a one-line billing document (an invoice, a credit note) shows, in the order it is drawn: a title, the seller,
/// the buyer, reference lines ("Invoice number: 7"), then the item and the total, amounts already formatted.
/// </summary>
public sealed record BillingDocument(
    string Title, string SellerName, IReadOnlyList<string> SellerAddress, string BuyerHeading, string? BuyerName, string? BuyerEmail,
    IReadOnlyList<string> References, string LineTitle, string Amount, string TotalLabel);

/// <summary>
/// The layout invoices and credit notes share: one A4 page with PDFsharp, text in an embedded DejaVu subset so any buyer's
/// name reads back. Kept in one place so the two documents a tax office compares look alike.
/// </summary>
public static class BillingPdf
{
    private const string Family = "DejaVu Sans";

    static BillingPdf()
    {
        // PDFsharp's resolver is process-wide; setting it once keeps every app instance in the process on the same fonts.
        GlobalFontSettings.FontResolver ??= new DejaVuFonts();
    }

    public static byte[] Render(BillingDocument content)
    {
        using var document = new PdfDocument();
        document.Info.Title = content.Title;
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

            Line(content.Title, title);
            y += 10;
            Line(content.SellerName, bold);
            foreach (var address in content.SellerAddress)
            {
                Line(address, text);
            }

            y += 15;
            Line(content.BuyerHeading, bold);
            Line(content.BuyerName ?? "—", text);
            Line(content.BuyerEmail ?? "—", text);
            y += 15;
            foreach (var reference in content.References)
            {
                Line(reference, text);
            }

            y += 20;
            gfx.DrawString("Item", bold, XBrushes.Black, 50, y);
            gfx.DrawString("Amount", bold, XBrushes.Black, 450, y);
            y += 16;
            gfx.DrawString(content.LineTitle, text, XBrushes.Black, 50, y);
            gfx.DrawString(content.Amount, text, XBrushes.Black, 450, y);
            y += 24;
            gfx.DrawString(content.TotalLabel, bold, XBrushes.Black, 50, y);
            gfx.DrawString(content.Amount, bold, XBrushes.Black, 450, y);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Seller address lines as the settings hold them: one per line, blank ones dropped.</summary>
    public static IReadOnlyList<string> AddressLines(string? address) =>
        (address ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Debian's fonts-dejavu-core: present wherever the stamper runs, and covering Latin, Greek and Cyrillic.</summary>
    private sealed class DejaVuFonts : IFontResolver
    {
        private const string Folder = "/usr/share/fonts/truetype/dejavu/";

        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(isBold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[] GetFont(string faceName) => File.ReadAllBytes(Folder + faceName + ".ttf");
    }
}
