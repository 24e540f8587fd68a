using DemoContent.Pdf;

namespace DemoContent.Books;

/// <summary>
/// Lays a <see cref="Book"/> out as pages: title page, contents, then chapters that each open on a
/// fresh page, with running heads and page numbers. Measurements scale with the paper so A5 books
/// get a smaller type size rather than cramped lines.
/// </summary>
public sealed class BookTypesetter
{
    private static readonly Rgb Ink = Sketch.Ink;
    private static readonly Rgb Grey = Sketch.Grey;

    private readonly Book book;
    private readonly List<PageCanvas> pages = [];
    private readonly List<int> chapterPages = [];
    private readonly double width;
    private readonly double height;
    private readonly double margin;
    private readonly double top;
    private readonly double bottom;
    private readonly double measure;
    private readonly double bodySize;
    private readonly double leading;

    private PageCanvas page = null!;
    private double y;
    private int chapterNumber;
    private int figureNumber;

    private BookTypesetter(Book book)
    {
        this.book = book;
        width = book.Size.Width;
        height = book.Size.Height;
        var small = width < 500;
        margin = Math.Round(width * 0.12);
        top = height - Math.Round(height * 0.09);
        bottom = Math.Round(height * 0.085);
        measure = width - 2 * margin;
        bodySize = small ? 9.5 : 10.5;
        leading = Math.Round(bodySize * 1.4, 1);
    }

    private bool Small => width < 500;

    public static IReadOnlyList<PageCanvas> Typeset(Book book)
    {
        var typesetter = new BookTypesetter(book);
        typesetter.Run();
        return typesetter.pages;
    }

    private void Run()
    {
        var titlePage = new PageCanvas(width, height);
        var contentsPage = new PageCanvas(width, height);
        pages.Add(titlePage);
        pages.Add(contentsPage);
        foreach (var chapter in book.Chapters)
        {
            chapterNumber++;
            figureNumber = 0;
            OpenChapter(chapter);
            foreach (var block in chapter.Blocks)
            {
                Place(block, chapter);
            }
        }

        DrawTitlePage(titlePage);
        DrawContents(contentsPage);
        Footer(contentsPage, 2);
    }

    private void NewPage()
    {
        page = new PageCanvas(width, height);
        pages.Add(page);
        Footer(page, pages.Count);
        y = top;
    }

    private void Footer(PageCanvas canvas, int number) =>
        canvas.TextCentered(PdfFont.Helvetica, 8.5, width / 2, bottom - 26, number.ToString(System.Globalization.CultureInfo.InvariantCulture), Grey);

    private void ContinuationPage(Chapter chapter)
    {
        NewPage();
        var headY = top + 22;
        page.Text(PdfFont.Helvetica, 7.5, margin, headY, book.Title, Grey);
        page.TextRight(PdfFont.Helvetica, 7.5, width - margin, headY, $"{chapterNumber}  {chapter.Title}", Grey);
        page.Line(margin, headY - 6, width - margin, headY - 6, Grey.Tint(0.5), 0.4);
    }

    private void Ensure(double needed, Chapter chapter)
    {
        if (y - needed < bottom)
        {
            ContinuationPage(chapter);
        }
    }

    private void OpenChapter(Chapter chapter)
    {
        NewPage();
        chapterPages.Add(pages.Count);
        page.FillRect(0, height - 10, width, 10, book.Colors.Accent);
        y = top - 10;
        page.Text(PdfFont.HelveticaBold, 8.5, margin, y, $"CHAPTER {chapterNumber}", book.Colors.Accent, charSpacing: 1.6);
        y -= 14;
        var titleSize = Small ? 17 : 22;
        foreach (var line in TextLayout.Wrap(chapter.Title, PdfFont.HelveticaBold, titleSize, measure))
        {
            y -= titleSize * 1.15;
            page.Text(PdfFont.HelveticaBold, titleSize, margin, y, line.Text, book.Colors.Deep);
        }

        y -= 12;
        page.FillRect(margin, y, 42, 2.5, book.Colors.Accent);
        y -= leading * 1.6;
    }

    private void Place(Block block, Chapter chapter)
    {
        switch (block)
        {
            case Paragraph p:
                Lines(TextLayout.Wrap(Typography.Smarten(p.Text), PdfFont.TimesRoman, bodySize, measure), margin, measure, chapter, justify: true);
                y -= leading * 0.45;
                break;
            case Heading h:
                var size = bodySize + 2.5;
                y -= leading * 0.5;
                Ensure(size * 1.3 + leading * 3, chapter);
                y -= size * 1.1;
                page.Text(PdfFont.HelveticaBold, size, margin, y, Typography.Smarten(h.Text), book.Colors.Deep);
                y -= leading * 0.7;
                break;
            case Bullets b:
                foreach (var item in b.Items)
                {
                    var lines = TextLayout.Wrap(Typography.Smarten(item), PdfFont.TimesRoman, bodySize, measure - 16);
                    Ensure(leading, chapter);
                    page.Text(PdfFont.Helvetica, bodySize, margin + 4, y - bodySize, "\u2022", book.Colors.Accent);
                    Lines(lines, margin + 16, measure - 16, chapter, justify: false);
                    y -= 2;
                }

                y -= leading * 0.4;
                break;
            case Code c:
                PlaceCode(c, chapter);
                break;
            case Tip t:
                PlaceTip(t, chapter);
                break;
            case Figure f:
                PlaceFigure(f, chapter);
                break;
            default:
                throw new NotSupportedException(block.GetType().Name);
        }
    }

    private void Lines(List<TextLine> lines, double x, double lineMeasure, Chapter chapter, bool justify)
    {
        // Avoid a lone first line at the foot of a page: move the paragraph if only one line fits.
        if (lines.Count > 1 && y - 2 * leading < bottom)
        {
            ContinuationPage(chapter);
        }

        foreach (var line in lines)
        {
            Ensure(leading, chapter);
            page.Text(PdfFont.TimesRoman, bodySize, x, y - bodySize, line.Text, Ink, justify ? line.JustifySpacing(lineMeasure) : 0);
            y -= leading;
        }
    }

    private void PlaceCode(Code code, Chapter chapter)
    {
        var longest = code.Lines.Max(l => l.Length);
        var size = Math.Min(bodySize - 1.5, (measure - 20) / (longest * 0.6));
        var lineHeight = size * 1.38;
        var boxHeight = code.Lines.Length * lineHeight + 14;
        y -= 2;
        Ensure(boxHeight + leading * 0.6, chapter);
        page.FillRect(margin, y - boxHeight, measure, boxHeight, book.Colors.Accent.Tint(0.93));
        page.FillRect(margin, y - boxHeight, 2.5, boxHeight, book.Colors.Accent);
        var baseline = y - 7 - size;
        foreach (var line in code.Lines)
        {
            page.Text(PdfFont.Courier, size, margin + 11, baseline, line, Ink);
            baseline -= lineHeight;
        }

        y -= boxHeight + leading * 0.7;
    }

    private void PlaceTip(Tip tip, Chapter chapter)
    {
        var size = bodySize - 1;
        var lineHeight = size * 1.4;
        var lines = TextLayout.Wrap(Typography.Smarten(tip.Text), PdfFont.Helvetica, size, measure - 26);
        var boxHeight = 12 + size + 6 + lines.Count * lineHeight + 6;
        y -= 2;
        Ensure(boxHeight + leading * 0.6, chapter);
        page.FillRect(margin, y - boxHeight, measure, boxHeight, book.Colors.Glow.Tint(0.82));
        page.FillRect(margin, y - boxHeight, 3, boxHeight, book.Colors.Accent);
        var baseline = y - 10 - size;
        page.Text(PdfFont.HelveticaBold, size, margin + 13, baseline, Typography.Smarten(tip.Title), book.Colors.Deep);
        baseline -= size + 6;
        foreach (var line in lines)
        {
            page.Text(PdfFont.Helvetica, size, margin + 13, baseline, line.Text, Ink, line.JustifySpacing(measure - 26));
            baseline -= lineHeight;
        }

        y -= boxHeight + leading * 0.8;
    }

    private void PlaceFigure(Figure figure, Chapter chapter)
    {
        figureNumber++;
        var scale = measure / 400;
        var drawingHeight = figure.Height * scale;
        y -= leading * 0.3;
        Ensure(drawingHeight + 24, chapter);
        var sketch = new Sketch(page, book.Colors);
        page.Transformed(margin, y - drawingHeight, scale, () => figure.Draw(sketch));
        var caption = $"Figure {chapterNumber}.{figureNumber}  {Typography.Smarten(figure.Caption)}";
        page.TextCentered(PdfFont.Helvetica, 8, width / 2, y - drawingHeight - 14, caption, Grey);
        y -= drawingHeight + 24 + leading * 0.5;
    }

    private void DrawTitlePage(PageCanvas canvas)
    {
        var colors = book.Colors;
        var band = height * 0.58;
        canvas.FillRect(0, height - band, width, band, colors.Deep);

        // Concentric rings and a grid of dots echo the cover art without needing raster images.
        var cx = width * 0.82;
        var cy = height - band * 0.28;
        for (var i = 1; i <= 6; i++)
        {
            canvas.Circle(cx, cy, width * 0.05 * i, null, colors.Deep.Mix(colors.Glow, 0.12 + i * 0.06), 1.2);
        }

        canvas.Circle(cx, cy, width * 0.035, colors.Accent);
        for (var row = 0; row < 4; row++)
        {
            for (var col = 0; col < 6; col++)
            {
                canvas.Circle(margin + col * 12, height - band * 0.18 - row * 12, 1.6, colors.Deep.Mix(colors.Glow, 0.55));
            }
        }

        canvas.FillRect(0, height - band, width, 6, colors.Accent);
        var titleSize = Small ? 26 : 34;
        var lines = TextLayout.Wrap(book.Title, PdfFont.HelveticaBold, titleSize, measure);
        var baseline = height - band + 34 + (lines.Count - 1) * titleSize * 1.1;
        foreach (var line in lines)
        {
            canvas.Text(PdfFont.HelveticaBold, titleSize, margin, baseline, line.Text, Rgb.White);
            baseline -= titleSize * 1.1;
        }

        var subtitleSize = Small ? 12 : 15;
        baseline = height - band - 40;
        foreach (var line in TextLayout.Wrap(Typography.Smarten(book.Subtitle), PdfFont.TimesRoman, subtitleSize, measure))
        {
            canvas.Text(PdfFont.TimesRoman, subtitleSize, margin, baseline, line.Text, Ink);
            baseline -= subtitleSize * 1.3;
        }

        canvas.Text(PdfFont.Helvetica, 9.5, margin, baseline - 10, book.Author, Grey);
        canvas.FillRect(margin, bottom + 22, 18, 18, colors.Accent);
        canvas.Text(PdfFont.HelveticaBold, 12, margin + 26, bottom + 31, "Field Guides", colors.Deep);
        canvas.Text(PdfFont.Helvetica, 8, margin + 26, bottom + 20, $"First edition \u2022 {book.Size.Name}", Grey);
    }

    private void DrawContents(PageCanvas canvas)
    {
        var baseline = top - 20;
        canvas.Text(PdfFont.HelveticaBold, Small ? 18 : 24, margin, baseline, "Contents", book.Colors.Deep);
        baseline -= 16;
        canvas.FillRect(margin, baseline, 42, 2.5, book.Colors.Accent);
        baseline -= 30;
        var size = Small ? 10 : 11.5;
        for (var i = 0; i < book.Chapters.Count; i++)
        {
            var number = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var pageNumber = chapterPages[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
            canvas.Text(PdfFont.HelveticaBold, size, margin, baseline, number, book.Colors.Accent);
            var titleX = margin + size * 2;
            var title = book.Chapters[i].Title;
            canvas.Text(PdfFont.Helvetica, size, titleX, baseline, title, Ink);
            canvas.TextRight(PdfFont.Helvetica, size, width - margin, baseline, pageNumber, Ink);

            // Dot leaders between the title and the page number.
            var from = titleX + FontMetrics.Measure(title, PdfFont.Helvetica, size) + 6;
            var to = width - margin - FontMetrics.Measure(pageNumber, PdfFont.Helvetica, size) - 6;
            canvas.DottedLine(Math.Ceiling(from / 5) * 5, baseline + 1.5, to, Grey, 1.1, 5);

            baseline -= size * 2.1;
        }

        var colophon = $"{book.Title}. First edition. Published by Field Guides, a demo publisher for the Storefront "
            + "project. The text and figures were written for the demo catalogue and are distributed with the project "
            + "under the MIT licence. Technical advice is given in good faith; check the data sheets and the rules that "
            + "apply where you live before relying on it.";
        var small = 7.5;
        var colophonLines = TextLayout.Wrap(colophon, PdfFont.Helvetica, small, measure);
        baseline = bottom + 14 + colophonLines.Count * small * 1.4;
        canvas.Line(margin, baseline + 10, margin + 60, baseline + 10, Grey.Tint(0.4), 0.5);
        foreach (var line in colophonLines)
        {
            canvas.Text(PdfFont.Helvetica, small, margin, baseline, line.Text, Grey);
            baseline -= small * 1.4;
        }
    }
}
