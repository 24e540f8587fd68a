using System.Globalization;
using System.Text.RegularExpressions;

namespace Storefront.Tests.Infrastructure;

/// <summary>Invoice and credit note PDFs read back by strict, real tools: <c>qpdf --check</c> must pass, poppler's <c>pdftotext</c> gives the text.</summary>
public static partial class InvoiceFiles
{
    /// <summary>A4 in points, as the invoice is laid out.</summary>
    public const double PageWidth = 595.28;

    /// <summary>The order's invoice as the admin downloads it.</summary>
    public static async Task<byte[]> DownloadAsync(StorefrontApp app, long orderNumber)
    {
        using var admin = await AdminSession.SignInAsync(app);
        return await admin.GetByteArrayAsync($"/admin/orders/{orderNumber}/invoice");
    }

    /// <summary>The text in reading order, after <c>qpdf --check</c> passed.</summary>
    public static async Task<string> TextAsync(byte[] pdf, params string[] pdftotextOptions)
    {
        using var folder = new TempFolder("storefront-invoice");
        var file = folder.File("invoice.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var check = await ProcessRunner.RunAsync("qpdf", ["--check", file]);
        Assert.True(check.ExitCode == 0, "qpdf --check: " + check.Output + check.Error);
        var text = await ProcessRunner.RunAsync("pdftotext", ["-enc", "UTF-8", .. pdftotextOptions, file, "-"]);
        Assert.True(text.ExitCode == 0, text.Error);
        return text.Output;
    }

    /// <summary>Every word pdftotext finds with its box (points from the page's left edge), in the PDF's order.</summary>
    public static async Task<IReadOnlyList<(string Word, double XMin, double XMax)>> WordsAsync(byte[] pdf)
    {
        var html = await TextAsync(pdf, "-bbox");
        return WordBox().Matches(html).Select(m => (System.Net.WebUtility.HtmlDecode(m.Groups["word"].Value),
            double.Parse(m.Groups["xmin"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["xmax"].Value, CultureInfo.InvariantCulture))).ToList();
    }

    [GeneratedRegex("""<word xMin="(?<xmin>[0-9.]+)" yMin="[0-9.]+" xMax="(?<xmax>[0-9.]+)" yMax="[0-9.]+">(?<word>[^<]*)</word>""")]
    private static partial Regex WordBox();
}
