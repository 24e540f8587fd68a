using DemoContent.Books;
using DemoContent.Pdf;

namespace DemoContent.Png;

/// <summary>The symbol drawn in the middle of a cover; one per book.</summary>
public enum Motif
{
    Bus,
    SolderingIron,
    Ledger,
    Shield,
}

/// <summary>
/// Draws 1200×900 covers: a diagonal gradient in the book's palette with a soft glow, a quiet
/// pattern of rings and dots, and a large symbol made of simple shapes. Titles are left to the shop
/// page, which renders them in the site's own type.
/// </summary>
public static class Covers
{
    public const int Width = 1200;
    public const int Height = 900;

    public static Raster Draw(Palette colors, Motif motif)
    {
        var image = new Raster(Width, Height);
        Background(image, colors);
        switch (motif)
        {
            case Motif.Bus:
                Bus(image, colors);
                break;
            case Motif.SolderingIron:
                SolderingIron(image, colors);
                break;
            case Motif.Ledger:
                Ledger(image, colors);
                break;
            case Motif.Shield:
                Shield(image, colors);
                break;
        }

        return image;
    }

    private static void Background(Raster image, Palette colors)
    {
        // The linear part is rounded separately along x and y, so every row differs from the one
        // above by a constant and PNG's Up filter turns it into near-zero bytes; a free 2-D
        // gradient with per-pixel rounding noise costs several times more space.
        int Channel(byte deep, byte accent, double x, double y) =>
            deep + (int)Math.Round((accent - deep) * 0.47 * x / Width) + (int)Math.Round((accent - deep) * 0.38 * y / Height);

        image.Paint((x, y) =>
        {
            var baseColor = new Rgb(
                (byte)Channel(colors.Deep.R, colors.Accent.R, x, y),
                (byte)Channel(colors.Deep.G, colors.Accent.G, x, y),
                (byte)Channel(colors.Deep.B, colors.Accent.B, x, y));
            var dx = (x - Width * 0.85) / Width;
            var dy = (y - Height * 0.1) / Height;
            // Offset so the glow fades to exactly zero instead of ending in a visible rim.
            var glow = Math.Max(0, Math.Exp(-(dx * dx + dy * dy) * 9) - 0.05) * 0.42;
            return glow == 0 ? baseColor : baseColor.Mix(colors.Glow, glow);
        });

        for (var i = 0; i < 7; i++)
        {
            image.Ring(Width * 0.08, Height * 0.95, 90 + i * 70, 3, colors.Glow, 0.07 + 0.015 * (6 - i));
        }

        for (var row = 0; row < 5; row++)
        {
            for (var col = 0; col < 8; col++)
            {
                image.Circle(70 + col * 34, 70 + row * 34, 4.5, colors.Glow, 0.35);
            }
        }
    }

    private static void Bus(Raster image, Palette colors)
    {
        var light = Rgb.White;
        double hi = 600, lo = 650;
        foreach (var x in new[] { 260.0, 480.0, 700.0, 920.0 })
        {
            image.Line(x - 28, 470, x - 28, hi, 6, light, 0.9);
            image.Line(x + 28, 470, x + 28, lo, 6, colors.Glow, 0.9);
            image.RoundRect(x - 80, 350, 160, 120, 18, colors.Deep, 0.92);
            image.RoundRect(x - 80, 350, 160, 120, 18, light, 0.08);
            image.RoundRect(x - 42, 380, 84, 60, 8, colors.Accent);
            for (var pin = 0; pin < 4; pin++)
            {
                image.Line(x - 30 + pin * 20, 370, x - 30 + pin * 20, 380, 4, light, 0.8);
                image.Line(x - 30 + pin * 20, 440, x - 30 + pin * 20, 450, 4, light, 0.8);
            }
        }

        // Drawn after the stubs so each stub visibly joins its own wire.
        image.Line(150, lo, 1050, lo, 12, colors.Glow, 0.95);
        image.Line(150, hi, 1050, hi, 12, light, 0.95);
        foreach (var end in new[] { 150.0, 1050.0 })
        {
            image.RoundRect(end - 16, hi - 6, 32, lo - hi + 12, 8, colors.Deep);
            image.RoundRect(end - 10, hi + 6, 20, lo - hi - 12, 4, colors.Glow);
        }

        // A differential signal: CAN_H rises while CAN_L falls during dominant bits.
        var bits = new[] { 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1 };
        var high = new List<(double, double)>();
        var low = new List<(double, double)>();
        for (var i = 0; i < bits.Length; i++)
        {
            double x0 = 340 + i * 56, x1 = x0 + 56;
            var dominant = bits[i] == 0;
            double h = dominant ? 170 : 215, l = dominant ? 265 : 220;
            high.Add((x0, h));
            high.Add((x1, h));
            low.Add((x0, l));
            low.Add((x1, l));
        }

        image.Polyline(low, 6, colors.Glow, 0.9);
        image.Polyline(high, 6, light, 0.95);
    }

    private static void SolderingIron(Raster image, Palette colors)
    {
        var light = Rgb.White;

        // Board traces with 45-degree bends, ending in pads.
        var traces = new[]
        {
            new (double, double)[] { (120, 760), (380, 760), (460, 680), (530, 680) },
            [(120, 820), (520, 820), (580, 760), (900, 760)],
            [(1100, 640), (860, 640), (800, 700), (700, 700)],
            [(180, 560), (300, 560), (380, 640)],
        };
        foreach (var trace in traces)
        {
            image.Polyline(trace, 14, colors.Glow, 0.45);
            if (trace == traces[0])
            {
                continue; // this one runs into the joint's own pad
            }

            var (ex, ey) = trace[^1];
            image.Circle(ex, ey, 22, colors.Glow, 0.6);
            image.Circle(ex, ey, 9, colors.Deep);
        }

        // The joint being made: a copper pad with a concave solder fillet around the lead.
        image.RoundRect(520, 660, 160, 26, 8, colors.Glow);
        image.Polygon(Fillet(600, 662, 70, 62), light, 0.95);
        image.Line(600, 660, 600, 520, 10, Rgb.Hex("#D9DDE2"));

        // The iron: handle, grip rings, steel shaft and conical tip.
        image.Line(1060, 110, 860, 310, 78, colors.Deep);
        for (var i = 0; i < 4; i++)
        {
            var t = 0.25 + i * 0.14;
            double x = 1060 - 200 * t, y = 110 + 200 * t;
            image.Line(x - 30, y - 30, x + 30, y + 30, 8, colors.Accent, 0.9);
        }

        image.Line(870, 300, 690, 480, 22, Rgb.Hex("#C9CED6"));
        image.Polygon([(680, 468), (702, 490), (616, 596), (608, 592), (604, 584)], Rgb.Hex("#9AA1AB"));

        // Rising flux smoke.
        for (var k = 0; k < 3; k++)
        {
            var wisp = new List<(double, double)>();
            for (var s = 0; s <= 40; s++)
            {
                var y = 580 - s * 9.0;
                wisp.Add((560 - k * 40 + Math.Sin(s * 0.35 + k) * 18, y));
            }

            image.Polyline(wisp, 5, light, 0.16 + k * 0.05);
        }
    }

    private static void Ledger(Raster image, Palette colors)
    {
        var paper = Rgb.Hex("#FBF8F1");
        var ink = Rgb.Hex("#3A3F47");
        image.RoundRect(318, 182, 580, 620, 20, colors.Deep, 0.35);
        image.RoundRect(300, 160, 580, 620, 20, paper);
        image.RoundRect(300, 160, 580, 70, 20, colors.Accent);
        image.RoundRect(300, 200, 580, 30, 0, colors.Accent);
        image.Line(560, 250, 560, 740, 2, ink, 0.25);
        var widths = new[] { 190, 150, 210, 120, 170, 140, 200 };
        var amounts = new[] { 90, 120, 70, 110, 80, 100, 60 };
        for (var row = 0; row < widths.Length; row++)
        {
            var y = 270 + row * 62;
            image.Line(330, y + 42, 850, y + 42, 2, ink, 0.12);
            image.RoundRect(340, y + 6, widths[row], 16, 8, ink, 0.7);
            image.RoundRect(340, y + 26, widths[row] * 0.5, 8, 4, ink, 0.25);
            var amount = amounts[row];
            image.RoundRect(840 - amount, y + 8, amount, 16, 8, row % 3 == 2 ? colors.Accent : ink, 0.85);
        }

        image.Line(700, 720, 850, 720, 4, ink);
        image.Line(700, 732, 850, 732, 4, ink);
        image.RoundRect(720, 748, 130, 20, 10, colors.Accent);

        // A balance badge: debits equal credits.
        image.Circle(900, 200, 96, colors.Deep);
        image.Ring(900, 200, 96, 8, colors.Glow, 0.9);
        image.RoundRect(850, 168, 100, 20, 10, Rgb.White);
        image.RoundRect(850, 212, 100, 20, 10, Rgb.White);
    }

    private static void Shield(Raster image, Palette colors)
    {
        // Network nodes around the shield, joined by thin links.
        var nodes = new (double X, double Y)[]
        {
            (200, 300), (350, 235), (250, 520), (380, 700), (880, 170), (1010, 330), (960, 560), (820, 720), (140, 740), (1090, 760),
        };
        var links = new[] { (0, 1), (0, 2), (2, 3), (2, 8), (1, 4), (4, 5), (5, 6), (6, 7), (6, 9), (3, 7) };
        foreach (var (a, b) in links)
        {
            image.Line(nodes[a].X, nodes[a].Y, nodes[b].X, nodes[b].Y, 4, colors.Glow, 0.35);
        }

        foreach (var (x, y) in nodes)
        {
            image.Circle(x, y, 22, colors.Deep);
            image.Ring(x, y, 22, 5, colors.Glow, 0.8);
            image.Circle(x, y, 8, colors.Glow, 0.9);
        }

        image.Polygon(ShieldOutline(600, 150, 210, 610), colors.Deep, 0.45);
        image.Polygon(ShieldOutline(600, 130, 210, 610), Rgb.White, 0.95);
        image.Polygon(ShieldOutline(600, 165, 175, 540), colors.Accent);
        image.Polyline([(515, 440), (580, 505), (700, 365)], 34, Rgb.White);
    }

    /// <summary>A solder fillet profile: low at the pad's edge and rising steeply towards the lead, like a small volcano.</summary>
    private static List<(double X, double Y)> Fillet(double cx, double baseY, double halfWidth, double height)
    {
        var left = new List<(double X, double Y)>();
        for (var i = 0; i <= 12; i++)
        {
            var u = i / 12.0;
            left.Add((cx - halfWidth + (halfWidth - 8) * u, baseY - height * u * u * u));
        }

        var outline = new List<(double X, double Y)>(left);
        for (var i = left.Count - 1; i >= 0; i--)
        {
            outline.Add((2 * cx - left[i].X, left[i].Y));
        }

        return outline;
    }

    /// <summary>A heater shield: flat top with rounded shoulders, sides curving to a point.</summary>
    private static List<(double X, double Y)> ShieldOutline(double cx, double top, double halfWidth, double height)
    {
        var right = new List<(double X, double Y)>();
        for (var i = 0; i <= 24; i++)
        {
            var t = i / 24.0;

            // Straight for the first third, then a quadratic curve into the tip.
            var x = t < 0.35 ? halfWidth : halfWidth * (1 - Math.Pow((t - 0.35) / 0.65, 1.8));
            right.Add((cx + x, top + 24 + t * (height - 24)));
        }

        var outline = new List<(double X, double Y)> { (cx - halfWidth + 24, top), (cx + halfWidth - 24, top) };
        outline.AddRange(right);
        for (var i = right.Count - 2; i >= 0; i--)
        {
            outline.Add((2 * cx - right[i].X, right[i].Y));
        }

        return outline;
    }
}
