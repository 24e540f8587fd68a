using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>A rectangle in default user space, normalised so that Llx ≤ Urx and Lly ≤ Ury.</summary>
internal readonly record struct PdfRect(double Llx, double Lly, double Urx, double Ury)
{
    public double Width => Urx - Llx;
    public double Height => Ury - Lly;

    public static PdfRect Normalised(double x1, double y1, double x2, double y2) =>
        new(Math.Min(x1, x2), Math.Min(y1, y2), Math.Max(x1, x2), Math.Max(y1, y2));

    public PdfRect? Intersect(PdfRect other)
    {
        var r = new PdfRect(Math.Max(Llx, other.Llx), Math.Max(Lly, other.Lly), Math.Min(Urx, other.Urx), Math.Min(Ury, other.Ury));
        return r.Width > 0 && r.Height > 0 ? r : null;
    }
}

/// <summary>
/// What a reader shows of a page: the CropBox clipped to the MediaBox, turned by /Rotate. The stamp is
/// laid out in "display" coordinates (origin at the bottom-left corner the reader sees, x to the right)
/// and <see cref="DisplayToUserSpace"/> maps them back to the page's own user space.
/// </summary>
internal sealed record PageGeometry(PdfRect Visible, int Rotation)
{
    // US Letter is what readers assume when a page has no usable MediaBox at all.
    private static readonly PdfRect DefaultMediaBox = new(0, 0, 612, 792);

    public double DisplayWidth => Rotation is 90 or 270 ? Visible.Height : Visible.Width;
    public double DisplayHeight => Rotation is 90 or 270 ? Visible.Width : Visible.Height;

    /// <summary>The <c>cm</c> operands taking display coordinates to user space.</summary>
    public double[] DisplayToUserSpace => Rotation switch
    {
        90 => [0, 1, -1, 0, Visible.Urx, Visible.Lly],
        180 => [-1, 0, 0, -1, Visible.Urx, Visible.Ury],
        270 => [0, -1, 1, 0, Visible.Llx, Visible.Ury],
        _ => [1, 0, 0, 1, Visible.Llx, Visible.Lly],
    };

    /// <summary>Reads the page's boxes and rotation; inherited attributes must already be pushed down to the page.</summary>
    public static PageGeometry Read(QpdfDocument pdf, uint page)
    {
        var media = Box(pdf, pdf.Get(page, "/MediaBox")) ?? DefaultMediaBox;
        var crop = Box(pdf, pdf.Get(page, "/CropBox"));
        var visible = crop?.Intersect(media) ?? media;
        return new PageGeometry(visible, ReadRotation(pdf, pdf.Get(page, "/Rotate")));
    }

    private static PdfRect? Box(QpdfDocument pdf, uint box)
    {
        if (pdf.TypeOf(box) != PdfType.Array || pdf.Count(box) != 4)
        {
            return null;
        }
        var v = new double[4];
        for (var i = 0; i < 4; i++)
        {
            var item = pdf.Item(box, i);
            if (!pdf.IsNumber(item))
            {
                return null;
            }
            v[i] = pdf.Number(item);
            if (!double.IsFinite(v[i]))
            {
                return null;
            }
        }
        var rect = PdfRect.Normalised(v[0], v[1], v[2], v[3]);
        return rect.Width > 0 && rect.Height > 0 ? rect : null;
    }

    private static int ReadRotation(QpdfDocument pdf, uint rotate)
    {
        if (!pdf.IsNumber(rotate))
        {
            return 0;
        }
        var value = pdf.Number(rotate);
        if (!double.IsFinite(value) || Math.Abs(value) > 1e6)
        {
            return 0;
        }
        // The spec requires a multiple of 90; readers round anything else, and 360 means 0.
        var quarter = (long)Math.Round(value / 90.0);
        return (int)(((quarter % 4) + 4) % 4) * 90;
    }
}
