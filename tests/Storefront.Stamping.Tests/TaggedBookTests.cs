using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>
/// A book as browsers print it: tagged (a structure tree), with an outline from its headings and links within
/// and out of it, printed by headless Chromium; then repacked by the qpdf CLI into object and xref streams,
/// linearized, and AES-256 encrypted with an empty user password, the forms real masters come in.
/// </summary>
public sealed partial class TaggedBookTests(TaggedBookTests.Books books) : IClassFixture<TaggedBookTests.Books>
{
    private static readonly PdfStamper Stamper = new();
    // The email is the longest word of the line, the easiest to find again on a page: these tests stamp the wording that shows it.
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-tagged-book") { Template = StampTemplate.WithEmail };

    public static TheoryData<string> Forms => ["printed", "objstm", "linearized", "aes256"];

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task EveryFormOfTheBookIsStampedWithItsTagsPagesLinksAndOutlineKept(string form)
    {
        var master = books.Get(form);
        Assert.Matches(TaggedYes(), Tools.Run("pdfinfo", books.Path(form)).Stdout);

        using var output = new MemoryStream();
        await using (var input = File.OpenRead(books.Path(form)))
        {
            var outcome = await Stamper.StampAsync(input, output, Buyer);
            Assert.True(outcome.Status == StampStatus.Stamped, $"{form}: {outcome.Status} {outcome.Message}");
            Assert.Equal(Books.PageCount, outcome.PageCount);
        }
        var copy = output.ToArray();

        PdfChecks.AssertQpdfCheckPasses(copy);
        using (var file = Tools.Temp(copy))
        {
            var info = Tools.Run("pdfinfo", file.Path).Stdout;
            Assert.Matches(TaggedYes(), info);
            Assert.Matches(@"Encrypted:\s+no", info);
        }
        Assert.Equal(PdfChecks.Pages(books.Printed), PdfChecks.Pages(copy));
        Assert.Equal(Links(books.Printed), Links(copy));
        Assert.True(Links(copy).Sum() >= 2 * Books.PageCount, "the book's links are there to be kept");
        Assert.Equal(OutlineTitles(books.Printed), OutlineTitles(copy));
        Assert.Equal(StructureElements(books.Printed), StructureElements(copy));

        var texts = PdfChecks.PageTexts(copy);
        Assert.Equal(Books.PageCount, texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Contains($"Chapter {i + 1}", texts[i], StringComparison.Ordinal);
            Assert.True(texts[i].Contains("Licensed to Priya Sharma", StringComparison.Ordinal), $"{form} page {i + 1} lacks the stamp: [{texts[i]}]");
        }
        Assert.True(Stamper.TryReadFingerprint(copy, out var fingerprint));
        Assert.Equal(Buyer.Fingerprint, fingerprint);
        Assert.Equal(copy, Stamper.Stamp(master, Buyer).Output.ToArray());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void NoUnstampedRevisionHidesInTheCopy(string form)
    {
        var copy = Stamper.Stamp(books.Get(form), Buyer).Output.ToArray();

        // One revision, ending at the file's end: cutting at the first %%EOF gives back the copy itself (an
        // incremental update would give back the unstamped master).
        var end = "%%EOF"u8;
        var first = copy.AsSpan().IndexOf(end);
        Assert.True(first > 0);
        Assert.True(copy.AsSpan(first + end.Length).Trim("\r\n"u8).IsEmpty, $"{form}: bytes after the first %%EOF");
        // And what a reader finds in it is stamped throughout.
        using var file = Tools.Temp(copy);
        var texts = Tools.Run("pdftotext", "-enc", "UTF-8", file.Path, "-").Stdout.Split('\f')[..^1];
        Assert.All(texts, t => Assert.Contains("priya@example.com", t, StringComparison.Ordinal));
    }

    /// <summary>Link annotations, page by page.</summary>
    internal static List<int> Links(byte[] pdf) => QpdfJson.Annotations(pdf).Select(p => p.Count(s => s == "/Link")).ToList();

    /// <summary>Every outline entry's title, depth first.</summary>
    internal static List<string> OutlineTitles(byte[] pdf)
    {
        using var file = Tools.Temp(pdf);
        var result = Tools.Run("qpdf", "--json=1", "--json-key=outlines", file.Path);
        using var json = JsonDocument.Parse(result.StdoutBytes);
        var titles = new List<string>();
        void Walk(JsonElement items)
        {
            foreach (var item in items.EnumerateArray())
            {
                titles.Add(item.GetProperty("title").GetString() ?? "");
                Walk(item.GetProperty("kids"));
            }
        }
        Walk(json.RootElement.GetProperty("outlines"));
        Assert.NotEmpty(titles);
        return titles;
    }

    /// <summary>The structure tree's element types, counted (qpdf's JSON, decrypted and with object streams expanded).</summary>
    internal static Dictionary<string, int> StructureElements(byte[] pdf)
    {
        using var file = Tools.Temp(pdf);
        var result = Tools.Run("qpdf", "--json=1", "--json-key=objects", "--decode-level=none", file.Path);
        using var json = JsonDocument.Parse(result.StdoutBytes);
        var counts = new Dictionary<string, int>();
        foreach (var entry in json.RootElement.GetProperty("objects").EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("/S", out var role)
                && role.ValueKind == JsonValueKind.String && entry.Value.TryGetProperty("/P", out _))
            {
                counts[role.GetString()!] = counts.GetValueOrDefault(role.GetString()!) + 1;
            }
        }
        Assert.True(counts.Count > 3, "the book has a structure tree");
        return counts;
    }

    [GeneratedRegex(@"Tagged:\s+yes")]
    private static partial Regex TaggedYes();

    /// <summary>The book printed once per test class, and its repacked forms.</summary>
    public sealed class Books : IDisposable
    {
        public const int PageCount = 24;

        private readonly string _directory = Directory.CreateTempSubdirectory("stamping-tagged-book-").FullName;

        public Books()
        {
            var html = System.IO.Path.Combine(_directory, "book.html");
            File.WriteAllText(html, Html());
            var printed = Tools.Run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--generate-pdf-document-outline", $"--print-to-pdf={Path("printed")}", new Uri(html).AbsoluteUri);
            Assert.True(File.Exists(Path("printed")), $"chromium printed nothing: {printed.Stderr}");
            Repack("objstm", "--object-streams=generate");
            Repack("linearized", "--object-streams=generate", "--linearize");
            Repack("aes256", "--object-streams=generate", "--encrypt", "", "owner-secret", "256", "--");
            Printed = File.ReadAllBytes(Path("printed"));
        }

        public byte[] Printed { get; }

        public string Path(string form) => System.IO.Path.Combine(_directory, form + ".pdf");

        public byte[] Get(string form) => File.ReadAllBytes(Path(form));

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private void Repack(string form, params string[] args)
        {
            var result = Tools.Run("qpdf", [Path("printed"), .. args, Path(form)]);
            Assert.True(result.ExitCode is 0 or 3, $"qpdf {form}: {result.Stderr}");
        }

        /// <summary>One chapter a page: a heading (an outline entry), two paragraphs, a link to the next chapter and one out.</summary>
        private static string Html()
        {
            var html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tagged book</title>"
                + "<style>section { break-after: page } body { font: 11pt serif }</style></head><body>");
            for (var chapter = 1; chapter <= PageCount; chapter++)
            {
                var next = (chapter % PageCount) + 1;
                html.Append($"<section><h1 id=\"c{chapter}\">Chapter {chapter}</h1><h2>Part {chapter}.1</h2>")
                    .Append("<p>Every copy carries its buyer's name on each page, and the book keeps its tags, outline and links.</p>")
                    .Append($"<p>Read on in <a href=\"#c{next}\">chapter {next}</a> or at <a href=\"https://shop.example/book/{chapter}\">the shop</a>.</p>")
                    .Append("<ul><li>A list item</li><li>Another</li></ul></section>");
            }
            return html.Append("</body></html>").ToString();
        }
    }
}
