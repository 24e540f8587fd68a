namespace Storefront.Downloads.Stamping;

/// <summary>
/// Where the footer goes on one page, in display coordinates: centred near the bottom edge the reader
/// sees, at most <c>maxFontSize</c>, shrunk to fit narrow and tiny pages rather than running off them.
/// </summary>
internal sealed record StampLayout(double FontSize, double X, double Baseline, double TextWidth)
{
    public static StampLayout For(PageGeometry page, double widthPerPoint, double maxFontSize)
    {
        var width = page.DisplayWidth;
        var height = page.DisplayHeight;
        var margin = Math.Min(width * 0.04, 24);
        var size = Math.Min(maxFontSize, Math.Min((width - (2 * margin)) / Math.Max(widthPerPoint, 1e-6), height * 0.2));
        var textWidth = widthPerPoint * size;
        var baseline = Math.Clamp(height * 0.015, size * 0.45, 12);
        return new StampLayout(size, (width - textWidth) / 2, baseline, textWidth);
    }

    /// <summary>The light label behind the text that keeps it legible on dark or busy pages.</summary>
    public (double X, double Y, double Width, double Height) Label
    {
        get
        {
            var pad = FontSize * 0.35;
            return (X - pad, Baseline - (FontSize * 0.3), TextWidth + (2 * pad), FontSize * 1.3);
        }
    }
}
