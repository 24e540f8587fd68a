using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Storefront.Stamping.Tests.Support;

public sealed record PageInfo(double Width, double Height, int Rotation);

public sealed record WordBox(string Text, double XMin, double YMin, double XMax, double YMax);

public sealed record PageWords(double Width, double Height, IReadOnlyList<WordBox> Words);

/// <summary>What qpdf and poppler report about a PDF; each check fails the test when the tool reports a problem.</summary>
public static partial class PdfChecks
{
    public static void AssertQpdfCheckPasses(byte[] pdf)
    {
        using var file = Tools.Temp(pdf);
        var result = Tools.Run("qpdf", "--check", file.Path);
        Assert.True(result.ExitCode == 0, $"qpdf --check exit {result.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        Assert.Contains("No syntax or stream encoding errors found", result.Stdout);
    }

    public static List<PageInfo> Pages(byte[] pdf)
    {
        using var file = Tools.Temp(pdf);
        var result = Tools.Run("pdfinfo", "-f", "1", "-l", "100000", file.Path);
        Assert.True(result.ExitCode == 0, $"pdfinfo failed: {result.Stderr}");
        var sizes = SizeLine().Matches(result.Stdout).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            m => (double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
        var rotations = RotLine().Matches(result.Stdout).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return sizes.OrderBy(p => p.Key).Select(p => new PageInfo(p.Value.Item1, p.Value.Item2, rotations.GetValueOrDefault(p.Key))).ToList();
    }

    /// <summary>The text of each page as pdftotext extracts it (pages are separated by form feeds).</summary>
    public static List<string> PageTexts(byte[] pdf)
    {
        using var file = Tools.Temp(pdf);
        var result = Tools.Run("pdftotext", "-enc", "UTF-8", file.Path, "-");
        Assert.True(result.ExitCode == 0, $"pdftotext failed: {result.Stderr}");
        var pages = result.Stdout.Split('\f').ToList();
        pages.RemoveAt(pages.Count - 1);
        return pages;
    }

    /// <summary>
    /// Words with their boxes in the coordinates a reader displays: relative to the CropBox, rotation applied,
    /// y downwards. pdftotext prints the unrotated page size, so the page size comes from pdfinfo instead.
    /// </summary>
    public static List<PageWords> Words(byte[] pdf)
    {
        var info = Pages(pdf);
        using var file = Tools.Temp(pdf);
        var result = Tools.Run("pdftotext", "-enc", "UTF-8", "-cropbox", "-bbox", file.Path, "-");
        Assert.True(result.ExitCode == 0, $"pdftotext -bbox failed: {result.Stderr}");
        var pages = new List<PageWords>();
        foreach (Match page in PageTag().Matches(result.Stdout))
        {
            var words = WordTag().Matches(page.Groups[3].Value).Select(w => new WordBox(
                WebUtility.HtmlDecode(w.Groups[5].Value), D(w.Groups[1]), D(w.Groups[2]), D(w.Groups[3]), D(w.Groups[4]))).ToList();
            var size = info[pages.Count];
            var turned = size.Rotation is 90 or 270;
            pages.Add(new PageWords(turned ? size.Height : size.Width, turned ? size.Width : size.Height, words));
        }
        return pages;
    }

    /// <summary>Renders every page at low resolution; fails if poppler cannot render one.</summary>
    public static void AssertRenders(byte[] pdf, int pages)
    {
        using var file = Tools.Temp(pdf);
        var dir = Directory.CreateTempSubdirectory("stamping-render-");
        try
        {
            var result = Tools.Run("pdftoppm", "-r", "8", "-gray", file.Path, Path.Combine(dir.FullName, "p"));
            Assert.True(result.ExitCode == 0, $"pdftoppm exit {result.ExitCode}: {result.Stderr}");
            Assert.Equal(pages, dir.GetFiles("p*.pgm").Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>One page rendered in grey at <paramref name="dpi"/>: pixels[y, x], 0 black .. 255 white.</summary>
    public static byte[,] RenderGray(byte[] pdf, int page, int dpi)
    {
        using var file = Tools.Temp(pdf);
        var prefix = Path.Combine(Path.GetTempPath(), "stamping-gray-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = Tools.Run("pdftoppm", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-f", $"{page}", "-l", $"{page}",
                "-singlefile", file.Path, prefix);
            Assert.True(result.ExitCode == 0, $"pdftoppm exit {result.ExitCode}: {result.Stderr}");
            return Pgm.Read(File.ReadAllBytes(prefix + ".pgm"));
        }
        finally
        {
            File.Delete(prefix + ".pgm");
        }
    }

    /// <summary>pdffonts' rows: font name and whether it is embedded.</summary>
    public static List<(string Name, bool Embedded)> Fonts(byte[] pdf)
    {
        using var file = Tools.Temp(pdf);
        var result = Tools.Run("pdffonts", file.Path);
        Assert.True(result.ExitCode == 0, $"pdffonts failed: {result.Stderr}");
        return result.Stdout.Split('\n').Skip(2).Where(l => l.Trim().Length > 0)
            .Select(l => FontRow().Match(l)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value == "yes")).ToList();
    }

    private static double D(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex SizeLine();

    [GeneratedRegex(@"Page\s+(\d+) rot:\s+(\d+)")]
    private static partial Regex RotLine();

    [GeneratedRegex(@"<page width=""([\d.]+)"" height=""([\d.]+)"">(.*?)</page>", RegexOptions.Singleline)]
    private static partial Regex PageTag();

    [GeneratedRegex(@"<word xMin=""([-\d.]+)"" yMin=""([-\d.]+)"" xMax=""([-\d.]+)"" yMax=""([-\d.]+)"">(.*?)</word>")]
    private static partial Regex WordTag();

    [GeneratedRegex(@"^(\S+)\s+.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$")]
    private static partial Regex FontRow();
}

internal static class Pgm
{
    public static byte[,] Read(byte[] data)
    {
        var at = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)data[at]))
            {
                at++;
            }
            var start = at;
            while (!char.IsWhiteSpace((char)data[at]))
            {
                at++;
            }
            return System.Text.Encoding.ASCII.GetString(data, start, at - start);
        }
        Assert.Equal("P5", Token());
        var width = int.Parse(Token(), CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), CultureInfo.InvariantCulture);
        Token();
        at++;
        var pixels = new byte[height, width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[y, x] = data[at + (y * width) + x];
            }
        }
        return pixels;
    }
}
