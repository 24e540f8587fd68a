using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>The screenshot comparison itself: antialiasing-sized noise passes, a removed element of checkbox size fails.</summary>
public sealed class ScreenshotBaselineTests
{
    private static PngPixels Baseline() =>
        PngPixels.Decode(File.ReadAllBytes(Path.Combine(ScreenshotBaseline.Folder, "admin-sign-in-1280.png")));

    [Fact]
    public void ScatteredSmallColourChangesAsAntialiasingMakesThemPass()
    {
        var expected = Baseline();
        var actual = expected.Copy();
        var random = new Random(7);
        for (var i = 0; i < actual.Width * actual.Height / 100; i++)
        {
            var o = random.Next(actual.Width * actual.Height) * 4;
            actual.Rgba[o] = (byte)Math.Clamp(actual.Rgba[o] + random.Next(-30, 31), 0, 255);
        }

        for (var i = 0; i < actual.Width * actual.Height / 2000; i++)
        {
            actual.Rgba[random.Next(actual.Width * actual.Height) * 4 + 1] ^= 0xff;
        }

        Assert.Null(ScreenshotBaseline.Compare(expected, actual));
    }

    [Fact]
    public void ACheckboxSizedBlockThatChangedFailsWithItsPlace()
    {
        var expected = Baseline();
        var actual = expected.Copy();
        for (var y = 320; y < 338; y++)
        {
            for (var x = 112; x < 130; x++)
            {
                var o = (y * actual.Width + x) * 4;
                (actual.Rgba[o], actual.Rgba[o + 1], actual.Rgba[o + 2]) = ((byte)(255 - actual.Rgba[o]), (byte)(255 - actual.Rgba[o + 1]), (byte)(255 - actual.Rgba[o + 2]));
            }
        }

        Assert.StartsWith("the area at x=112, y=320 changed", ScreenshotBaseline.Compare(expected, actual));
    }

    [Fact]
    public void ADifferentSizeFails() =>
        Assert.Equal("size 375×800 instead of 1280×800",
            ScreenshotBaseline.Compare(Baseline(), PngPixels.Decode(File.ReadAllBytes(Path.Combine(ScreenshotBaseline.Folder, "admin-sign-in-375.png")))));
}
