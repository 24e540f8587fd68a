using DemoContent.Pdf;

namespace DemoContent.Png;

/// <summary>
/// An RGB canvas with anti-aliased shapes. Circles, rings, lines and rounded rectangles use signed
/// distances (coverage = distance to the edge, clamped to one pixel); polygons are supersampled.
/// </summary>
public sealed class Raster(int width, int height)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] Pixels { get; } = new byte[width * height * 3];

    /// <summary>Fills the image with a colour computed per pixel, e.g. a gradient.</summary>
    public void Paint(Func<double, double, Rgb> color)
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var c = color(x + 0.5, y + 0.5);
                var i = (y * Width + x) * 3;
                Pixels[i] = c.R;
                Pixels[i + 1] = c.G;
                Pixels[i + 2] = c.B;
            }
        }
    }

    public void Circle(double cx, double cy, double r, Rgb color, double alpha = 1) =>
        Shape(cx - r, cy - r, cx + r, cy + r, color, alpha, (x, y) => Distance(x - cx, y - cy) - r);

    public void Ring(double cx, double cy, double r, double thickness, Rgb color, double alpha = 1) =>
        Shape(cx - r - thickness, cy - r - thickness, cx + r + thickness, cy + r + thickness, color, alpha,
            (x, y) => Math.Abs(Distance(x - cx, y - cy) - r) - thickness / 2);

    /// <summary>A thick line with round caps.</summary>
    public void Line(double x1, double y1, double x2, double y2, double thickness, Rgb color, double alpha = 1)
    {
        var pad = thickness;
        Shape(Math.Min(x1, x2) - pad, Math.Min(y1, y2) - pad, Math.Max(x1, x2) + pad, Math.Max(y1, y2) + pad, color, alpha,
            (x, y) => SegmentDistance(x, y, x1, y1, x2, y2) - thickness / 2);
    }

    /// <summary>
    /// A connected thick line. It is one shape (distance to the nearest segment) rather than a
    /// line per segment, so translucent polylines do not darken where segments overlap.
    /// </summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, double thickness, Rgb color, double alpha = 1)
    {
        var pad = thickness;
        Shape(points.Min(p => p.X) - pad, points.Min(p => p.Y) - pad, points.Max(p => p.X) + pad, points.Max(p => p.Y) + pad, color, alpha,
            (x, y) =>
            {
                var nearest = double.MaxValue;
                for (var i = 1; i < points.Count; i++)
                {
                    nearest = Math.Min(nearest, SegmentDistance(x, y, points[i - 1].X, points[i - 1].Y, points[i].X, points[i].Y));
                }

                return nearest - thickness / 2;
            });
    }

    public void RoundRect(double x, double y, double w, double h, double radius, Rgb color, double alpha = 1)
    {
        var cx = x + w / 2;
        var cy = y + h / 2;
        Shape(x, y, x + w, y + h, color, alpha, (px, py) =>
        {
            var qx = Math.Abs(px - cx) - w / 2 + radius;
            var qy = Math.Abs(py - cy) - h / 2 + radius;
            return Distance(Math.Max(qx, 0), Math.Max(qy, 0)) + Math.Min(Math.Max(qx, qy), 0) - radius;
        });
    }

    /// <summary>Fills any simple polygon (even-odd rule), 4×4 samples per pixel.</summary>
    public void Polygon(IReadOnlyList<(double X, double Y)> points, Rgb color, double alpha = 1)
    {
        var minX = (int)Math.Max(0, Math.Floor(points.Min(p => p.X)));
        var maxX = (int)Math.Min(Width - 1, Math.Ceiling(points.Max(p => p.X)));
        var minY = (int)Math.Max(0, Math.Floor(points.Min(p => p.Y)));
        var maxY = (int)Math.Min(Height - 1, Math.Ceiling(points.Max(p => p.Y)));
        for (var py = minY; py <= maxY; py++)
        {
            for (var px = minX; px <= maxX; px++)
            {
                var inside = 0;
                for (var s = 0; s < 16; s++)
                {
                    if (Contains(points, px + (s % 4 + 0.5) / 4, py + (s / 4 + 0.5) / 4))
                    {
                        inside++;
                    }
                }

                if (inside > 0)
                {
                    Blend(px, py, color, alpha * inside / 16.0);
                }
            }
        }
    }

    private void Shape(double x0, double y0, double x1, double y1, Rgb color, double alpha, Func<double, double, double> distance)
    {
        var minX = (int)Math.Max(0, Math.Floor(x0) - 1);
        var maxX = (int)Math.Min(Width - 1, Math.Ceiling(x1) + 1);
        var minY = (int)Math.Max(0, Math.Floor(y0) - 1);
        var maxY = (int)Math.Min(Height - 1, Math.Ceiling(y1) + 1);
        for (var py = minY; py <= maxY; py++)
        {
            for (var px = minX; px <= maxX; px++)
            {
                var coverage = Math.Clamp(0.5 - distance(px + 0.5, py + 0.5), 0, 1);
                if (coverage > 0)
                {
                    Blend(px, py, color, alpha * coverage);
                }
            }
        }
    }

    private void Blend(int x, int y, Rgb color, double alpha)
    {
        var i = (y * Width + x) * 3;
        Pixels[i] = (byte)Math.Round(Pixels[i] + (color.R - Pixels[i]) * alpha);
        Pixels[i + 1] = (byte)Math.Round(Pixels[i + 1] + (color.G - Pixels[i + 1]) * alpha);
        Pixels[i + 2] = (byte)Math.Round(Pixels[i + 2] + (color.B - Pixels[i + 2]) * alpha);
    }

    private static bool Contains(IReadOnlyList<(double X, double Y)> points, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = points.Count - 1; i < points.Count; j = i++)
        {
            var (xi, yi) = points[i];
            var (xj, yj) = points[j];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    private static double Distance(double dx, double dy) => Math.Sqrt(dx * dx + dy * dy);

    private static double SegmentDistance(double px, double py, double x1, double y1, double x2, double y2)
    {
        var dx = x2 - x1;
        var dy = y2 - y1;
        var lengthSquared = dx * dx + dy * dy;
        var t = lengthSquared == 0 ? 0 : Math.Clamp(((px - x1) * dx + (py - y1) * dy) / lengthSquared, 0, 1);
        return Distance(px - (x1 + t * dx), py - (y1 + t * dy));
    }
}
