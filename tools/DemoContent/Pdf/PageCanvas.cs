using System.Globalization;
using System.Text;

namespace DemoContent.Pdf;

/// <summary>
/// Builds one page's content stream. Coordinates are PDF points with the origin at the bottom left.
/// Numbers are written with at most two decimals, which is far below what anyone can see and keeps
/// the output identical between runs and machines.
/// </summary>
public sealed class PageCanvas(double width, double height)
{
    private readonly StringBuilder ops = new();

    public double Width { get; } = width;

    public double Height { get; } = height;

    public string Content => ops.ToString();

    public void Text(PdfFont font, double size, double x, double y, string text, Rgb color, double wordSpacing = 0, double charSpacing = 0)
    {
        ops.Append("BT ").Append(FontName(font)).Append(' ').Append(N(size)).Append(" Tf ");
        Fill(color);
        if (wordSpacing != 0)
        {
            ops.Append(N(wordSpacing)).Append(" Tw ");
        }

        if (charSpacing != 0)
        {
            ops.Append(N(charSpacing)).Append(" Tc ");
        }

        ops.Append(N(x)).Append(' ').Append(N(y)).Append(" Td ").Append(WinAnsi.Literal(text)).Append(" Tj");

        // Tw and Tc outlive ET (they are graphics state), so undo them for the next piece of text.
        ops.Append(wordSpacing != 0 ? " 0 Tw" : "").Append(charSpacing != 0 ? " 0 Tc" : "").Append(" ET\n");
    }

    /// <summary>Draws text so that it ends at <paramref name="right"/>.</summary>
    public void TextRight(PdfFont font, double size, double right, double y, string text, Rgb color) =>
        Text(font, size, right - FontMetrics.Measure(text, font, size), y, text, color);

    public void TextCentered(PdfFont font, double size, double centre, double y, string text, Rgb color) =>
        Text(font, size, centre - FontMetrics.Measure(text, font, size) / 2, y, text, color);

    public void FillRect(double x, double y, double w, double h, Rgb color)
    {
        Fill(color);
        ops.Append(N(x)).Append(' ').Append(N(y)).Append(' ').Append(N(w)).Append(' ').Append(N(h)).Append(" re f\n");
    }

    public void StrokeRect(double x, double y, double w, double h, Rgb color, double lineWidth)
    {
        Stroke(color, lineWidth);
        ops.Append(N(x)).Append(' ').Append(N(y)).Append(' ').Append(N(w)).Append(' ').Append(N(h)).Append(" re S\n");
    }

    public void Line(double x1, double y1, double x2, double y2, Rgb color, double lineWidth, bool dashed = false)
    {
        Stroke(color, lineWidth);
        if (dashed)
        {
            ops.Append("[3 2] 0 d ");
        }

        ops.Append(N(x1)).Append(' ').Append(N(y1)).Append(" m ").Append(N(x2)).Append(' ').Append(N(y2)).Append(" l S");
        ops.Append(dashed ? " [] 0 d\n" : "\n");
    }

    /// <summary>A row of round dots, e.g. leaders in a table of contents: zero-length dashes with round caps.</summary>
    public void DottedLine(double x1, double y, double x2, Rgb color, double dotSize, double gap)
    {
        Stroke(color, dotSize);
        ops.Append("1 J [0 ").Append(N(gap)).Append("] 0 d ").Append(N(x1)).Append(' ').Append(N(y)).Append(" m ")
            .Append(N(x2)).Append(' ').Append(N(y)).Append(" l S [] 0 d 0 J\n");
    }

    /// <summary>An open or closed path through the points, stroked.</summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, Rgb color, double lineWidth, bool close = false)
    {
        Stroke(color, lineWidth);
        Path(points);
        ops.Append(close ? "s\n" : "S\n");
    }

    public void FillPolygon(IReadOnlyList<(double X, double Y)> points, Rgb color)
    {
        Fill(color);
        Path(points);
        ops.Append("h f\n");
    }

    /// <summary>A circle from four Bézier arcs (the usual 0.5523 control-point factor).</summary>
    public void Circle(double cx, double cy, double r, Rgb? fill, Rgb? stroke = null, double lineWidth = 1)
    {
        const double k = 0.5523;
        var c = r * k;
        if (fill is { } f)
        {
            Fill(f);
        }

        if (stroke is { } s)
        {
            Stroke(s, lineWidth);
        }

        ops.Append(N(cx + r)).Append(' ').Append(N(cy)).Append(" m ");
        Curve(cx + r, cy + c, cx + c, cy + r, cx, cy + r);
        Curve(cx - c, cy + r, cx - r, cy + c, cx - r, cy);
        Curve(cx - r, cy - c, cx - c, cy - r, cx, cy - r);
        Curve(cx + c, cy - r, cx + r, cy - c, cx + r, cy);
        ops.Append(fill is null ? "s\n" : stroke is null ? "h f\n" : "b\n");
    }

    /// <summary>Runs <paramref name="draw"/> in a coordinate system translated and scaled by <paramref name="scale"/>.</summary>
    public void Transformed(double x, double y, double scale, Action draw)
    {
        ops.Append("q ").Append(N(scale)).Append(" 0 0 ").Append(N(scale)).Append(' ').Append(N(x)).Append(' ').Append(N(y)).Append(" cm\n");
        draw();
        ops.Append("Q\n");
    }

    public static string FontName(PdfFont font) => "/F" + ((int)font + 1);

    private void Path(IReadOnlyList<(double X, double Y)> points)
    {
        for (var i = 0; i < points.Count; i++)
        {
            ops.Append(N(points[i].X)).Append(' ').Append(N(points[i].Y)).Append(i == 0 ? " m " : " l ");
        }
    }

    private void Curve(double x1, double y1, double x2, double y2, double x3, double y3) =>
        ops.Append(N(x1)).Append(' ').Append(N(y1)).Append(' ').Append(N(x2)).Append(' ').Append(N(y2)).Append(' ')
            .Append(N(x3)).Append(' ').Append(N(y3)).Append(" c ");

    private void Fill(Rgb c) => ops.Append(C(c.R)).Append(' ').Append(C(c.G)).Append(' ').Append(C(c.B)).Append(" rg ");

    private void Stroke(Rgb c, double lineWidth) => ops.Append(C(c.R)).Append(' ').Append(C(c.G)).Append(' ').Append(C(c.B)).Append(" RG ")
        .Append(N(lineWidth)).Append(" w ");

    private static string C(byte v) => N(v / 255.0, "0.###");

    private static string N(double v, string format = "0.##")
    {
        var s = v.ToString(format, CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }
}
