namespace Storefront.Tests.Infrastructure;

/// <summary>Real PDF readers (poppler, qpdf) over a file the shop produced.</summary>
public static class PdfTools
{
    /// <summary>The text of each page, as poppler's pdftotext extracts it.</summary>
    public static async Task<IReadOnlyList<string>> PageTextsAsync(byte[] pdf)
    {
        using var folder = new TempFolder("storefront-pdf");
        var file = folder.File("copy.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var check = await ProcessRunner.RunAsync("qpdf", ["--check", file]);
        Assert.True(check.ExitCode is 0 or 3, "qpdf --check failed: " + check.All);
        var text = await ProcessRunner.RunAsync("pdftotext", ["-enc", "UTF-8", file, "-"]);
        Assert.True(text.ExitCode == 0, text.All);
        return text.Output.Split('\f').SkipLast(1).ToList();
    }

    /// <summary>
    /// The whole text of a document the shop generated itself (an invoice, a credit note), which must pass
    /// <c>qpdf --check</c> without even a warning.
    /// </summary>
    public static async Task<string> CheckedTextAsync(byte[] pdf)
    {
        using var folder = new TempFolder("storefront-document");
        var file = folder.File("document.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var check = await ProcessRunner.RunAsync("qpdf", ["--check", file]);
        Assert.True(check.ExitCode == 0, "qpdf --check: " + check.Output + check.Error);
        var text = await ProcessRunner.RunAsync("pdftotext", ["-enc", "UTF-8", file, "-"]);
        Assert.True(text.ExitCode == 0, text.Error);
        return text.Output;
    }
}
