using DemoContent.Pdf;

namespace DemoContent.Books;

/// <summary>Drawing helpers for figures, in the figure's own 400-unit-wide space.</summary>
public sealed class Sketch(PageCanvas canvas, Palette colors)
{
    public static readonly Rgb Ink = Rgb.Hex("#2B2F36");
    public static readonly Rgb Grey = Rgb.Hex("#8A9099");

    public Palette Colors { get; } = colors;

    public PageCanvas Canvas { get; } = canvas;

    /// <summary>A labelled box; the label is centred and may hold two lines separated by '\n'.</summary>
    public void Box(double x, double y, double w, double h, string label, Rgb fill, Rgb? stroke = null, Rgb? text = null, double size = 8)
    {
        Canvas.FillRect(x, y, w, h, fill);
        if (stroke is { } s)
        {
            Canvas.StrokeRect(x, y, w, h, s, 0.8);
        }

        var lines = label.Split('\n');
        var top = y + h / 2 + (lines.Length - 1) * size * 0.6 - size * 0.35;
        for (var i = 0; i < lines.Length; i++)
        {
            Canvas.TextCentered(i == 0 ? PdfFont.HelveticaBold : PdfFont.Helvetica, i == 0 ? size : size * 0.85,
                x + w / 2, top - i * size * 1.2, lines[i], text ?? Ink);
        }
    }

    public void Label(double x, double y, string text, double size = 7.5, Rgb? color = null, bool bold = false, bool centred = false)
    {
        var font = bold ? PdfFont.HelveticaBold : PdfFont.Helvetica;
        if (centred)
        {
            Canvas.TextCentered(font, size, x, y, text, color ?? Ink);
        }
        else
        {
            Canvas.Text(font, size, x, y, text, color ?? Ink);
        }
    }

    public void Line(double x1, double y1, double x2, double y2, Rgb? color = null, double width = 1, bool dashed = false) =>
        Canvas.Line(x1, y1, x2, y2, color ?? Ink, width, dashed);

    /// <summary>A line with a filled arrow head at (x2, y2).</summary>
    public void Arrow(double x1, double y1, double x2, double y2, Rgb? color = null, double width = 1)
    {
        var c = color ?? Ink;
        var angle = Math.Atan2(y2 - y1, x2 - x1);
        const double head = 6;
        var bx = x2 - head * Math.Cos(angle);
        var by = y2 - head * Math.Sin(angle);
        Canvas.Line(x1, y1, bx, by, c, width);
        var nx = -Math.Sin(angle) * head * 0.45;
        var ny = Math.Cos(angle) * head * 0.45;
        Canvas.FillPolygon([(x2, y2), (bx + nx, by + ny), (bx - nx, by - ny)], c);
    }
}
