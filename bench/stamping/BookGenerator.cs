using System.Diagnostics;
using System.Net;
using System.Text;

namespace Storefront.Bench.Stamping;

/// <summary>
/// Books as browsers and word processors print them: a long HTML document made from the project's own
/// README files, one chapter a page (headings, paragraphs, lists, a table, links within the book and out
/// of it), printed by headless Chromium (tagged: a structure tree, with the document outline from the
/// headings), then repacked by the qpdf CLI the ways real masters come: object and xref streams,
/// linearized on top, AES-256 with an empty user password on top. Same text for every page count, so
/// 10, 100, 300 and 1,000 pages are the same book at different lengths.
/// </summary>
internal static class BookGenerator
{
    public static readonly int[] PageCounts = [10, 100, 300, 1000];

    /// <summary>The variants of the 300-page book, by file name suffix.</summary>
    public static readonly (string Suffix, string Label, string[] QpdfArgs)[] Variants =
    [
        ("chromium", "as printed by Chromium (tagged, classic xref)", []),
        ("objstm", "object and xref streams", ["--object-streams=generate"]),
        ("linearized", "object streams, linearized", ["--object-streams=generate", "--linearize"]),
        ("aes256", "object streams, AES-256, empty user password", ["--object-streams=generate", "--encrypt", "", "owner-secret", "256", "--"]),
    ];

    public static string FileName(int pages, string suffix) => $"book-{pages}-{suffix}.pdf";

    public static void Generate(string directory, string repo)
    {
        var paragraphs = Paragraphs(repo);
        foreach (var pages in PageCounts)
        {
            var html = Path.Combine(directory, $"book-{pages}.html");
            File.WriteAllText(html, Html(pages, paragraphs));
            var printed = Path.Combine(directory, FileName(pages, "chromium"));
            Run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--generate-pdf-document-outline",
                $"--print-to-pdf={printed}", new Uri(html).AbsoluteUri);
            File.Delete(html);
            foreach (var (suffix, _, args) in Variants.Skip(1))
            {
                if (pages == 300 || suffix == "objstm")
                {
                    Run(["qpdf", printed, .. args, Path.Combine(directory, FileName(pages, suffix))]);
                }
            }
            if (pages != 300)
            {
                File.Delete(printed);
            }
        }
    }

    /// <summary>The prose of the project's README files, one paragraph a line, without tables and code.</summary>
    private static List<string> Paragraphs(string repo)
    {
        var files = new[] { Path.Combine(repo, "README.md") }
            .Concat(Directory.EnumerateFiles(Path.Combine(repo, "src"), "README.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        return [.. files.SelectMany(File.ReadLines).Select(l => l.Trim())
            .Where(l => l.Length > 80 && !l.StartsWith('|') && !l.StartsWith('#') && !l.StartsWith("```", StringComparison.Ordinal))
            .Select(l => l.TrimStart('-', '*', ' ').Replace("`", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal))
            .Select(l => l.Length > 420 ? l[..420] + "…" : l)];
    }

    /// <summary>One chapter a page: short enough that every chapter fits its page, so N chapters print as N pages.</summary>
    private static string Html(int pages, List<string> paragraphs)
    {
        var html = new StringBuilder("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Storefront handbook</title>
            <style>@page { size: A4; margin: 18mm } body { font: 10pt/1.35 serif } h1 { font-size: 16pt; margin: 0 0 4pt }
            h2 { font-size: 12pt; margin: 8pt 0 2pt } p { margin: 0 0 4pt } section { break-after: page; height: 255mm; overflow: hidden }
            table { border-collapse: collapse; font-size: 9pt } td, th { border: 1px solid #999; padding: 1pt 4pt }</style></head><body>
            """);
        var next = 0;
        string Text() => WebUtility.HtmlEncode(paragraphs[next++ % paragraphs.Count]);
        for (var chapter = 1; chapter <= pages; chapter++)
        {
            html.Append($"<section><h1 id=\"c{chapter}\">Chapter {chapter}</h1>");
            for (var part = 1; part <= 2; part++)
            {
                html.Append($"<h2>{chapter}.{part} {WebUtility.HtmlEncode(paragraphs[(next + 7) % paragraphs.Count].Split(' ').Take(5).Aggregate((a, b) => a + " " + b))}</h2>");
                html.Append($"<p>{Text()} See <a href=\"#c{(chapter % pages) + 1}\">chapter {(chapter % pages) + 1}</a>.</p>");
                html.Append($"<p>{Text()} More at <a href=\"https://shop.example/handbook/{chapter}/{part}\">shop.example</a>.</p>");
                html.Append($"<ul><li>{Text()[..60]}</li><li>{Text()[..60]}</li></ul>");
            }
            html.Append($"<table><tr><th>Setting</th><th>Default</th></tr><tr><td>Chapter{chapter}__Pages</td><td>{chapter * 3}</td></tr></table></section>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static void Run(params string[] command)
    {
        var result = Orchestrator.Process.Run(command);
        // qpdf exits 3 for "succeeded with warnings".
        if (result.ExitCode is not (0 or 3))
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({result.ExitCode}): {result.Stderr}");
        }
    }
}
