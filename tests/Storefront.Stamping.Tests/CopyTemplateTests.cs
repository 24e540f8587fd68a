using System.Text;
using Microsoft.Extensions.Options;
using Storefront.Downloads.Stamping;
using Storefront.Downloads.Stamping.Fonts;
using Storefront.Downloads.Stamping.Native;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>
/// Copies written from a per-master template (qpdf once, then bytes per buyer) against copies qpdf writes whole: the
/// same pages, text, links, outline and tags; one revision with a cross-reference section of qpdf's own kind; the
/// same bytes for one purchase whatever the cache holds, and only the per-buyer objects different between buyers.
/// </summary>
public sealed class CopyTemplateTests(TaggedBookTests.Books books) : IClassFixture<TaggedBookTests.Books>
{
    private static readonly StampingOptions Options = new();
    private static readonly PdfStamper Stamper = new(Microsoft.Extensions.Options.Options.Create(Options));
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-template-book") { Template = StampTemplate.WithEmail };
    private static readonly StampRequest Other = new("Jonathan Q. Featherstonehaugh-Smith", "jqfs@example.org", "99817", "ent-template-other-buyer-with-a-longer-fingerprint") { Template = StampTemplate.WithEmail };

    public static TheoryData<string> Forms => ["printed", "objstm", "linearized", "aes256"];

    [Theory]
    [MemberData(nameof(Forms))]
    public void ATemplateCopyHasTheTextAndStructureOfTheCopyQpdfWritesWhole(string form)
    {
        var master = books.Get(form);
        Assert.NotNull(Stamper.Templates.For(MasterSource.From(master), Buyer)?.Build.Template);

        var copy = Stamper.Stamp(master, Buyer).Output.ToArray();
        var whole = QpdfCopy(master, Buyer);

        PdfChecks.AssertQpdfCheckPasses(copy);
        Assert.Equal(PdfChecks.PageTexts(whole), PdfChecks.PageTexts(copy));
        Assert.Equal(PdfChecks.Pages(whole), PdfChecks.Pages(copy));
        Assert.Equal(TaggedBookTests.Links(whole), TaggedBookTests.Links(copy));
        Assert.Equal(TaggedBookTests.OutlineTitles(whole), TaggedBookTests.OutlineTitles(copy));
        Assert.Equal(TaggedBookTests.StructureElements(whole), TaggedBookTests.StructureElements(copy));
        using var file = Tools.Temp(copy);
        Assert.Matches(@"Tagged:\s+yes", Tools.Run("pdfinfo", file.Path).Stdout);
    }

    [Theory]
    [InlineData("printed", false)]
    [InlineData("objstm", true)]
    [InlineData("aes256", true)]
    public void TheCopyHasOneCrossReferenceSectionOfTheKindQpdfWrites(string form, bool stream)
    {
        var copy = Stamper.Stamp(books.Get(form), Buyer).Output.ToArray();
        var xref = CrossReference.Read(copy);
        Assert.Equal(stream, xref.IsStream);
        Assert.Equal(stream, QpdfCopy(books.Get(form), Buyer).AsSpan().IndexOf("\nxref\n"u8) < 0);
        // Every in-file entry points at its object's header; the copy has exactly one %%EOF.
        for (var i = 0; i < xref.Types.Length; i++)
        {
            if (xref.Types[i] == 1)
            {
                PdfSyntax.ObjectHeader(copy, (int)xref.Offsets[i], out _, out _);
            }
        }
        Assert.Equal(copy.Length - "%%EOF\n".Length, copy.AsSpan().IndexOf("%%EOF"u8));
        using var file = Tools.Temp(copy);
        Assert.DoesNotContain("WARNING", Tools.Run("qpdf", "--check", file.Path).Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void OnePurchaseGivesTheSameBytesWhateverTheCacheHolds(string form)
    {
        var master = books.Get(form);
        var cached = Stamper.Stamp(master, Buyer).Output.ToArray();
        var again = Stamper.Stamp(master, Buyer).Output.ToArray();
        var uncached = new PdfStamper(Microsoft.Extensions.Options.Options.Create(new StampingOptions { TemplateCacheMegabytes = 0 })).Stamp(master, Buyer).Output.ToArray();
        Assert.Equal(cached, again);
        Assert.Equal(cached, uncached);
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void TwoBuyersCopiesDifferOnlyInTheirOwnObjects(string form)
    {
        var master = books.Get(form);
        var first = Objects(Stamper.Stamp(master, Buyer).Output.ToArray());
        var second = Objects(Stamper.Stamp(master, Other).Output.ToArray());
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        var differing = first.Keys.Where(k => first[k] != second[k]).ToList();
        Assert.NotEmpty(differing);
        // Footer streams (the marked-content fingerprint), the Info dictionary and the XMP packet; nothing else.
        Assert.All(differing, k => Assert.True(
            first[k].Contains("/SFID (ent-template-book)", StringComparison.Ordinal)
            || first[k].Contains("<sfstamp:fingerprint>ent-template-book<", StringComparison.Ordinal),
            $"object {k} differs but carries no fingerprint: {first[k][..Math.Min(200, first[k].Length)]}"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void TheFingerprintIsInInfoXmpAndEveryPage(string form)
    {
        var copy = Stamper.Stamp(books.Get(form), Other).Output.ToArray();
        Assert.True(Stamper.TryReadFingerprint(copy, out var fingerprint));
        Assert.Equal(Other.Fingerprint, fingerprint);
        using var document = QpdfDocument.Open(copy);
        var marks = Fingerprint.ReadAll(document);
        Assert.All(marks, m => Assert.Equal(Other.Fingerprint, m.Value));
        Assert.Contains(marks, m => m.Where == "document information");
        Assert.Contains(marks, m => m.Where == "XMP metadata");
        Assert.Equal(TaggedBookTests.Books.PageCount, marks.Count(m => m.Where.StartsWith("page ", StringComparison.Ordinal)));
        Assert.True(PdfChecks.PageTexts(copy).All(t => t.Contains("Jonathan Q. Featherstonehaugh-Smith", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("pdf20-simple.pdf")]
    [InlineData("hybrid-xref-table-plus-xrefstm-30-pages.pdf")]
    [InlineData("linearized-30-pages.pdf")]
    [InlineData("encrypted-aes256-r6-empty-user-password-owner-restricted.pdf")]
    [InlineData("many-pages-117-linearized-book-german.pdf")]
    [InlineData("nonzero-origin-mediabox-cropbox-and-rotations.pdf")]
    [InlineData("inherited-mediabox-from-pages-tree.pdf")]
    public void CorpusMastersStampFromTemplatesAsQpdfStampsThem(string name)
    {
        var master = Corpus.Get(name).Read();
        Assert.NotNull(Stamper.Templates.For(MasterSource.From(master), Buyer)?.Build.Template);
        var copy = Stamper.Stamp(master, Buyer).Output.ToArray();
        PdfChecks.AssertQpdfCheckPasses(copy);
        Assert.Equal(PdfChecks.PageTexts(QpdfCopy(master, Buyer)), PdfChecks.PageTexts(copy));
        Assert.True(Stamper.TryReadFingerprint(copy, out var fingerprint));
        Assert.Equal(Buyer.Fingerprint, fingerprint);
    }

    [Fact]
    public async Task ALargeMasterOnDiskStreamsItsTemplateCopy()
    {
        // Over the streaming threshold, read by qpdf in place: the template is built from the file.
        var master = PdfBuilder.ImageDocument(40, 230_000);
        Assert.True(master.Length > 8 << 20);
        using var file = Tools.Temp(master);
        using var output = new MemoryStream();
        await using (var input = File.OpenRead(file.Path))
        {
            var outcome = await Stamper.StampAsync(input, output, Buyer);
            Assert.Equal(StampStatus.Stamped, outcome.Status);
            Assert.Equal(40, outcome.PageCount);
            Assert.Equal(output.Length, outcome.BytesWritten);
        }
        var copy = output.ToArray();
        // The images are random bytes labelled JPEG, so qpdf --check only reports that it cannot decode them.
        using (var written = Tools.Temp(copy))
        {
            var check = Tools.Run("qpdf", "--check", written.Path);
            Assert.True(check.ExitCode is 0 or 3, check.Stderr);
            Assert.All(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches("Not a JPEG file|without filtering|succeeded with warnings", line));
        }
        Assert.Equal(Stamper.Stamp(master, Buyer).Output.ToArray(), copy);
        Assert.All(PdfChecks.PageTexts(copy), t => Assert.Contains("priya@example.com", t, StringComparison.Ordinal));
    }

    [Fact]
    public void MastersOverSixteenMegabytesStreamThroughQpdf()
    {
        var large = new byte[(16 << 20) + 1];
        "%PDF-1.7\n"u8.CopyTo(large);
        Assert.Null(Stamper.Templates.For(MasterSource.From(large), Buyer));
        Assert.NotNull(Stamper.Templates.For(MasterSource.From(books.Get("objstm")), Buyer));
    }

    [Fact]
    public void ShapedLinesTakeTheQpdfPath()
    {
        var arabic = Buyer with { BuyerName = "محمد الأحمد" };
        var master = books.Get("objstm");
        Assert.Null(Stamper.Templates.For(MasterSource.From(master), arabic));
        var copy = Stamper.Stamp(master, arabic).Output.ToArray();
        Assert.Equal(QpdfCopy(master, arabic), copy);
    }

    [Fact]
    public void ACacheKeepsTemplatesWithinItsBudget()
    {
        var builds = 0;
        TemplateBuild Build()
        {
            builds++;
            return new TemplateBuild(StampStatus.Stamped, null, "", null);
        }
        var cache = new TemplateCache(2048);
        cache.GetOrBuild("a", Build);
        cache.GetOrBuild("a", Build);
        Assert.Equal(1, builds);
        // A second entry pushes out the least recently used: each marker counts 1 KB.
        cache.GetOrBuild("b", Build);
        cache.GetOrBuild("c", Build);
        Assert.Equal(2048, cache.Size);
        cache.GetOrBuild("a", Build);
        Assert.Equal(4, builds);
        // Too large for the budget: built, used and not kept.
        var small = new TemplateCache(100);
        small.GetOrBuild("a", Build);
        small.GetOrBuild("a", Build);
        Assert.Equal(6, builds);
        Assert.Equal(0, small.Size);
        var rejected = new TemplateCache(1 << 20);
        rejected.GetOrBuild("r", () => new TemplateBuild(StampStatus.Rejected, RejectionReason.Damaged, "", null));
        Assert.Equal(0, rejected.Size);
    }

    /// <summary>The copy qpdf writes whole, as the engine wrote every copy before templates.</summary>
    private static byte[] QpdfCopy(byte[] master, StampRequest request)
    {
        using var job = StampJob.Prepare(MasterSource.From(master), request, Options, new FontLibrary(Options.FontPaths));
        Assert.Equal(StampStatus.Stamped, job.Status);
        return job.WriteToArray();
    }

    /// <summary>Every object in the file, by number, as its bytes (in-file objects) or where it sits in an object stream.</summary>
    private static Dictionary<int, string> Objects(byte[] pdf)
    {
        var xref = CrossReference.Read(pdf);
        var starts = xref.Offsets.Where((_, i) => xref.Types[i] == 1).Append(xref.Start).Order().ToArray();
        var objects = new Dictionary<int, string>();
        var entry = 0;
        foreach (var (first, count) in xref.Subsections)
        {
            for (var i = 0; i < count; i++, entry++)
            {
                var number = first + i;
                objects[number] = xref.Types[entry] switch
                {
                    1 when xref.IsStream && number == xref.StreamObject.Number => "the xref stream",
                    1 => Encoding.Latin1.GetString(pdf.AsSpan((int)xref.Offsets[entry], (int)(starts.First(s => s > xref.Offsets[entry]) - xref.Offsets[entry]))),
                    2 => $"in object stream {xref.Offsets[entry]} at {xref.Thirds[entry]}",
                    _ => "free",
                };
            }
        }
        return objects;
    }
}
