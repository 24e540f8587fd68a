namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Compares a screenshot with its committed baseline under tests/Storefront.Tests/Browser/Screenshots/. Antialiasing
/// moves a few scattered pixels a little; a moved, removed or restyled element changes a block of pixels a lot.
/// So: a pixel differs when a channel moves more than <see cref="ChannelDelta"/>; the shot fails when more than
/// <see cref="MaxDifferingFraction"/> of its pixels differ, or when any 16×16 tile has a quarter of its pixels differing.
/// A missing baseline, or STOREFRONT_UPDATE_SCREENSHOTS=1, writes the baseline and fails saying so.
/// </summary>
public static class ScreenshotBaseline
{
    public const int ChannelDelta = 40;
    public const double MaxDifferingFraction = 0.002;
    private const int Tile = 16;

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Storefront.Tests", "Browser", "Screenshots");

    /// <summary>Null when <paramref name="png"/> matches the baseline <paramref name="name"/>; otherwise why not.</summary>
    public static string? Check(string name, byte[] png)
    {
        var path = Path.Combine(Folder, name + ".png");
        if (!File.Exists(path) || Environment.GetEnvironmentVariable("STOREFRONT_UPDATE_SCREENSHOTS") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(path, png);
            return $"{name}: wrote the baseline {path}; check it and commit it, then run the test again.";
        }

        var problem = Compare(PngPixels.Decode(File.ReadAllBytes(path)), PngPixels.Decode(png));
        if (problem is null)
        {
            return null;
        }

        var actual = Path.Combine(Path.GetTempPath(), $"{name}.actual.png");
        File.WriteAllBytes(actual, png);
        return $"{name}: {problem} (baseline {path}, this run {actual}; STOREFRONT_UPDATE_SCREENSHOTS=1 rewrites the baseline)";
    }

    public static string? Compare(PngPixels expected, PngPixels actual)
    {
        if ((expected.Width, expected.Height) != (actual.Width, actual.Height))
        {
            return $"size {actual.Width}×{actual.Height} instead of {expected.Width}×{expected.Height}";
        }

        var tilesAcross = (expected.Width + Tile - 1) / Tile;
        var tiles = new int[tilesAcross * ((expected.Height + Tile - 1) / Tile)];
        var differing = 0;
        for (var i = 0; i < expected.Width * expected.Height; i++)
        {
            var o = i * 4;
            if (Math.Abs(expected.Rgba[o] - actual.Rgba[o]) > ChannelDelta || Math.Abs(expected.Rgba[o + 1] - actual.Rgba[o + 1]) > ChannelDelta
                || Math.Abs(expected.Rgba[o + 2] - actual.Rgba[o + 2]) > ChannelDelta)
            {
                differing++;
                tiles[i / expected.Width / Tile * tilesAcross + i % expected.Width / Tile]++;
            }
        }

        var worst = Array.IndexOf(tiles, tiles.Max());
        if (tiles[worst] * 4 > Tile * Tile)
        {
            return $"the area at x={worst % tilesAcross * Tile}, y={worst / tilesAcross * Tile} changed ({tiles[worst]} of {Tile * Tile} pixels)";
        }

        var fraction = (double)differing / (expected.Width * expected.Height);
        return fraction > MaxDifferingFraction ? $"{fraction:P2} of the pixels differ (at most {MaxDifferingFraction:P2} may)" : null;
    }
}
