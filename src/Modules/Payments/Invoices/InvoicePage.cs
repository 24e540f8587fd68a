using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Storefront.Payments.Invoices;

/// <summary>A typeface at one size, with the CJK fallback at the same size for the characters the main font lacks.</summary>
internal sealed record InvoiceFont(XFont Main, XFont? Fallback)
{
    public double Size => Main.Size;

    /// <summary>The text cut into runs each drawn with one font.</summary>
    public IEnumerable<(string Text, XFont Font)> Runs(string text)
    {
        var run = new StringBuilder();
        XFont? current = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var font = Fallback is not null && InvoiceFonts.NeedsFallback(rune.Value) ? Fallback : Main;
            if (current is not null && font != current)
            {
                yield return (run.ToString(), current);
                run.Clear();
            }

            current = font;
            run.Append(rune.ToString());
        }

        if (current is not null)
        {
            yield return (run.ToString(), current);
        }
    }
}

/// <summary>
/// Draws lines top to bottom on A4 pages, wrapping each to the width it has: at spaces, and inside a word only when the
/// word alone is wider than the line (a long URL, a name in a script without spaces). A full page continues on the next.
/// </summary>
internal sealed class InvoicePage : IDisposable
{
    private readonly PdfDocument document;
    private readonly double margin;
    private XGraphics? gfx;
    private double y;

    public InvoicePage(PdfDocument document, InvoiceFonts fonts, double margin)
    {
        this.document = document;
        this.margin = margin;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        InvoiceFont Font(string family, double size) =>
            new(new XFont(family, size, XFontStyleEx.Regular, options), fonts.Fallback is { } f ? new XFont(f, size, XFontStyleEx.Regular, options) : null);
        Title = Font(fonts.Bold, 20);
        Bold = Font(fonts.Bold, 10);
        Text = Font(fonts.Regular, 10);
        NewPage();
    }

    public InvoiceFont Title { get; }

    public InvoiceFont Bold { get; }

    public InvoiceFont Text { get; }

    private double Width => XUnit.FromMillimeter(210).Point - 2 * margin;

    private double Bottom => XUnit.FromMillimeter(297).Point - margin;

    public void Space(double points) => y += points;

    public void Paragraph(string text, InvoiceFont font)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            NextLine(font);
            Draw(line, font, margin);
        }
    }

    /// <summary>A wrapped label on the left with an amount right-aligned on its first line.</summary>
    public void Row(string label, string amount, InvoiceFont font, double amountWidth = 130)
    {
        var first = true;
        foreach (var line in Wrap(label, font, Width - amountWidth - 10))
        {
            NextLine(font);
            Draw(line, font, margin);
            if (first)
            {
                Draw(amount, font, margin + Width - Measure(amount, font));
                first = false;
            }
        }
    }

    public void Rule()
    {
        y += 4;
        gfx!.DrawLine(XPens.Gray, margin, y, margin + Width, y);
    }

    public void Dispose() => gfx?.Dispose();

    private void NextLine(InvoiceFont font)
    {
        var height = font.Size * 1.5;
        if (y + height > Bottom)
        {
            NewPage();
        }

        y += height;
    }

    private void NewPage()
    {
        gfx?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        gfx = XGraphics.FromPdfPage(page);
        y = margin;
    }

    private void Draw(string text, InvoiceFont font, double x)
    {
        foreach (var (run, face) in font.Runs(text))
        {
            gfx!.DrawString(run, face, XBrushes.Black, x, y);
            x += gfx.MeasureString(run, face).Width;
        }
    }

    private double Measure(string text, InvoiceFont font) => font.Runs(text).Sum(r => gfx!.MeasureString(r.Text, r.Font).Width);

    private List<string> Wrap(string text, InvoiceFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (Measure(candidate, font) <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            line = word;
            // A word wider than the line is cut between characters (whole text elements, so no accent or surrogate is split).
            while (Measure(line, font) > width)
            {
                var elements = StringInfo.GetTextElementEnumerator(line);
                var fits = "";
                while (elements.MoveNext() && Measure(fits + elements.GetTextElement(), font) <= width)
                {
                    fits += elements.GetTextElement();
                }

                fits = fits.Length == 0 ? StringInfo.GetNextTextElement(line) : fits;
                lines.Add(fits);
                line = line[fits.Length..];
            }
        }

        if (line.Length > 0 || lines.Count == 0)
        {
            lines.Add(line);
        }

        return lines;
    }
}
