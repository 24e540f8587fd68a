using System.Diagnostics;
using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>Malformed input never takes the process down, leaks, or yields anything but a checked copy or a typed refusal.</summary>
public sealed class RobustnessTests
{
    private static readonly PdfStamper Stamper = new();
    // The email is the longest word of the line, the easiest to find again on a page: these tests stamp the wording that shows it.
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-fuzz") { Template = StampTemplate.WithEmail };

    private static readonly string[] Seeds =
    [
        "objstm-xrefstm-pdflatex-4-pages.pdf", "hybrid-xref-table-plus-xrefstm-30-pages.pdf",
        "encrypted-aes128-empty-user-password-30-pages.pdf", "incremental-updates-3-revisions-30-pages.pdf",
        "inherited-mediabox-from-pages-tree.pdf", "annotations-on-page-rotated-90.pdf",
        "damaged-xref-stream-wrong-size.pdf", "linearized-30-pages.pdf",
    ];

    /// <summary>
    /// qpdf reads a large master in place while it writes the copy, and where the data is gone it recovers
    /// with warnings and writes a complete-looking but broken file. A master cut short under a running stamp
    /// must fail the copy instead.
    /// </summary>
    [Fact]
    public async Task AMasterOnDiskCutShortWhileItsCopyIsWrittenFailsTheCopy()
    {
        using var file = Tools.Temp(PdfBuilder.ImageDocument(images: 6, imageBytes: 2 << 20));
        await using var master = File.OpenRead(file.Path);
        var options = new StampingOptions();
        using var job = StampJob.Prepare(MasterSource.TryFrom(master)!, Buyer, options, new Downloads.Stamping.Fonts.FontLibrary(options.FontPaths));
        Assert.Equal(StampStatus.Stamped, job.Status);
        using (var cut = new FileStream(file.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            cut.SetLength(1 << 20);
        }

        var (_, error) = await job.WriteToAsync(Stream.Null, CancellationToken.None);

        Assert.NotNull(error);
        Assert.Contains("changed while its copy was being written", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The response failing part-way (the buyer went away) ends a streamed stamp with that error; qpdf,
    /// which holds the pipe open both ways, must not be left blocked on it with the document.
    /// </summary>
    [Fact]
    public async Task AnOutputThatFailsPartWayEndsTheStreamedStamp()
    {
        using var file = Tools.Temp(PdfBuilder.ImageDocument(images: 6, imageBytes: 2 << 20));
        await using var master = File.OpenRead(file.Path);
        var stamp = Stamper.StampAsync(master, new FailingAfterFirstWrite(), Buyer);

        var error = await Assert.ThrowsAsync<IOException>(() => stamp.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(FailingAfterFirstWrite.Message, error.Message);
    }

    [Fact]
    public void TwoHundredMutatedAndTruncatedCorpusFilesAreEachStampedValidlyOrRefusedWithAReason()
    {
        // A fixed seed keeps the run reproducible; STAMPING_FUZZ_SEED explores other mutations locally.
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("STAMPING_FUZZ_SEED"), out var fuzzSeed) ? fuzzSeed : 1042);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 200; i++)
        {
            var seed = Corpus.Get(Seeds[i % Seeds.Length]).Read();
            var (kind, input) = Mutate(seed, random);

            var result = Stamper.Stamp(input, Buyer);

            var key = $"{kind}:{result.Status}";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            switch (result.Status)
            {
                case StampStatus.Stamped:
                    if (Environment.GetEnvironmentVariable("STAMPING_FUZZ_DUMP") is { } dump)
                    {
                        File.WriteAllBytes(Path.Combine(dump, $"m{i}.pdf"), input);
                    }
                    AssertReadable(result, $"mutation {i} ({kind} of {Seeds[i % Seeds.Length]})");
                    break;
                case StampStatus.Rejected:
                    Assert.NotNull(result.Rejection);
                    Assert.False(string.IsNullOrWhiteSpace(result.Message));
                    Assert.True(result.Output.IsEmpty);
                    break;
                case StampStatus.PassedThrough:
                    Assert.Equal(-1, input.AsSpan(0, Math.Min(input.Length, 4096)).IndexOf("%PDF-"u8));
                    Assert.Equal(input, result.Output.ToArray());
                    break;
            }
        }
        // The mutations must exercise both outcomes, or the test proves nothing about refusals.
        Assert.Contains(outcomes, o => o.Key.EndsWith(":Stamped", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.Key.EndsWith(":Rejected", StringComparison.Ordinal));
    }

    [Fact]
    public void ConcurrentStampsOfDifferentFilesGiveTheSameBytesAsSequentialOnes()
    {
        var jobs = Seeds.SelectMany(name => new[] { "a", "b" }.Select(f => (Master: Corpus.Get(name).Read(), Request: Buyer with { Fingerprint = $"ent-{f}" }))).ToList();
        var sequential = jobs.Select(j => Stamper.Stamp(j.Master, j.Request).Output.ToArray()).ToList();

        var parallel = new byte[jobs.Count][];
        Parallel.For(0, jobs.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % jobs.Count;
            parallel[k] = Stamper.Stamp(jobs[k].Master, jobs[k].Request).Output.ToArray();
        });

        for (var i = 0; i < jobs.Count; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }
    }

    [Fact]
    public async Task TheStreamingVariantWritesTheSameCopyAndWritesNothingWhenItRefuses()
    {
        var master = Corpus.Get("real-manual-43-pages-pdf14-fop-links-outlines.pdf").Read();
        using var output = new MemoryStream();

        var outcome = await Stamper.StampAsync(new NonSeekableStream(master), output, Buyer);

        Assert.Equal(StampStatus.Stamped, outcome.Status);
        Assert.Equal(43, outcome.PageCount);
        Assert.Equal(output.Length, outcome.BytesWritten);
        Assert.Equal(Stamper.Stamp(master, Buyer).Output.ToArray(), output.ToArray());

        using var refused = new MemoryStream();
        var rejection = await Stamper.StampAsync(new MemoryStream(Corpus.Get("encrypted-rc4-128-user-password-required.pdf").Read()), refused, Buyer);
        Assert.Equal(RejectionReason.PasswordRequired, rejection.Rejection);
        Assert.Equal(0, refused.Length);
    }

    [Fact]
    public async Task AMasterReadFromAFileGivesTheSameCopyAsOneInMemory()
    {
        foreach (var name in new[] { "many-pages-117-linearized-book-german.pdf", "encrypted-aes128-empty-user-password-30-pages.pdf", "damaged-xref-prev-loop-30-pages.pdf" })
        {
            var file = Corpus.Get(name);
            using var output = new MemoryStream();
            await using (var input = File.OpenRead(file.Path))
            {
                var outcome = await Stamper.StampAsync(input, output, Buyer);
                Assert.Equal(StampStatus.Stamped, outcome.Status);
            }
            Assert.Equal(Stamper.Stamp(file.Read(), Buyer).Output.ToArray(), output.ToArray());
        }

        using var refused = new MemoryStream();
        await using (var locked = File.OpenRead(Corpus.Get("encrypted-aes256-r6-user-password-required.pdf").Path))
        {
            Assert.Equal(RejectionReason.PasswordRequired, (await Stamper.StampAsync(locked, refused, Buyer)).Rejection);
        }
        Assert.Equal(0, refused.Length);

        using var zip = Tools.Temp("PK\u0003\u0004 an archive"u8, ".zip");
        using var passed = new MemoryStream();
        await using (var archive = File.OpenRead(zip.Path))
        {
            Assert.Equal(StampStatus.PassedThrough, (await Stamper.StampAsync(archive, passed, Buyer)).Status);
        }
        Assert.Equal(File.ReadAllBytes(zip.Path), passed.ToArray());
    }

    [Fact]
    public async Task ALargeMasterOnDiskIsReadInPlaceAndStreamedOutAndMatchesTheInMemoryCopy()
    {
        var master = LargeMaster("q 500 0 0 400 50 200 cm /Im0 Do Q");
        using var file = Tools.Temp(master);
        using var output = new MemoryStream();
        using var buffered = new MemoryStream();

        await using (var input = File.OpenRead(file.Path))
        {
            Assert.Equal(StampStatus.Stamped, (await Stamper.StampAsync(input, output, Buyer)).Status);
        }
        Assert.Equal(StampStatus.Stamped, (await Stamper.StampAsync(new MemoryStream(master), buffered, Buyer)).Status);

        Assert.Equal(output.ToArray(), buffered.ToArray());
        Assert.True(master.Length > 8 << 20);
        Assert.Equal(Stamper.Stamp(master, Buyer).Output.ToArray(), output.ToArray());
        PdfChecks.AssertQpdfCheckPasses(output.ToArray());
    }

    [Theory]
    [InlineData("q 500 0 0 400 50 200 cm /Im0 Do Q", null)]
    [InlineData("q 500 0 0 400 50 200 cm /Im0 Do Q 1 rg", RejectionReason.Damaged)]
    public async Task ALargeMasterOnDiskIsValidatedInPlaceWithTheVerdictOfTheInMemoryCheck(string content, RejectionReason? rejection)
    {
        var master = LargeMaster(content);
        using var file = Tools.Temp(master);

        MasterValidation validation;
        await using (var input = File.OpenRead(file.Path))
        {
            validation = await Stamper.ValidateAsync(input, "large.pdf");
        }

        var inMemory = Stamper.Validate(master, "large.pdf");
        Assert.Equal(inMemory.CanServe, validation.CanServe);
        Assert.Equal(rejection is null, validation.CanServe);
        Assert.Equal(rejection, validation.Rejection);
        Assert.Equal(inMemory.Message, validation.Message);
        Assert.Equal(inMemory.PageCount, validation.PageCount);
    }

    [Fact]
    public async Task ALargeFileNamedPdfThatIsNotAPdfIsRefusedAsNotAPdfFromTheFileInPlace()
    {
        var bytes = new byte[9 << 20];
        "<html>Not found</html>"u8.CopyTo(bytes);
        using var file = Tools.Temp(bytes, ".pdf");

        await using var input = File.OpenRead(file.Path);
        var validation = await Stamper.ValidateAsync(input, "book.pdf");

        Assert.Equal(RejectionReason.NotPdf, validation.Rejection);
        Assert.False(validation.CanServe);
    }

    [Fact]
    public void APageWhoseContentInflatesPastTheCeilingIsRefusedWithoutBeingInflatedWhole()
    {
        // 2.2 GB of NUL bytes (white space to a content lexer) in about 2 MB of Flate data: the shape of a
        // decompression bomb. Inflated whole it would not even fit a span; the engine stops at 128 MB.
        var bomb = Deflate(Enumerable.Repeat(new string('\0', 1 << 20), 2200).Append("0 0 10 10 re f"));
        var master = OnePage(bomb, "/Filter /FlateDecode");

        var result = Stamper.Stamp(master, Buyer);

        Assert.Equal(StampStatus.Rejected, result.Status);
        Assert.Equal(RejectionReason.Unsupported, result.Rejection);
        Assert.Contains("the content of page 1 decodes to more than 128 MB", result.Message, StringComparison.Ordinal);
        Assert.Equal(RejectionReason.Unsupported, Stamper.Validate(master, "bomb.pdf").Rejection);
    }

    [Fact]
    public void ThePageReportedIsTheFirstThatFailsWhicheverWayItsContentWasDecoded()
    {
        // Pages are decoded ahead on another thread where the engine can, in turn through qpdf where it
        // cannot; the refusal must still name the first failing page, as a reader meets them.
        var stamper = new PdfStamper(Microsoft.Extensions.Options.Options.Create(new StampingOptions { MaxPageContentBytes = 1 << 20 }));
        var fine = (Deflate(["BT /F1 12 Tf 72 700 Td (Body) Tj ET"]), "/Filter /FlateDecode");
        var viaQpdf = (Convert.ToHexString("BT /F1 12 Tf (x) Tj ET"u8) + ">", "/Filter /ASCIIHexDecode");
        var malformed = (Deflate(["0 0 612 re f"]), "/Filter /FlateDecode");
        var bomb = (Deflate([new string(' ', 2 << 20)]), "/Filter /FlateDecode");

        var first = stamper.Stamp(Pages(fine, viaQpdf, malformed, bomb), Buyer);
        var second = stamper.Stamp(Pages(fine, viaQpdf, bomb, malformed), Buyer);
        var clean = stamper.Stamp(Pages(fine, viaQpdf, fine), Buyer);

        Assert.Equal(RejectionReason.Damaged, first.Rejection);
        Assert.Contains("the content of page 3 is malformed", first.Message, StringComparison.Ordinal);
        Assert.Equal(RejectionReason.Unsupported, second.Rejection);
        Assert.Contains("the content of page 3 decodes to more than 1 MB", second.Message, StringComparison.Ordinal);
        Assert.Equal(StampStatus.Stamped, clean.Status);
        Assert.All(PdfChecks.PageTexts(clean.Output.ToArray()), text => Assert.Contains("priya@example.com", text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/Filter /FlateDecode")]
    [InlineData("/Filter [/FlateDecode]")]
    [InlineData("/Filter [/ASCIIHexDecode /FlateDecode]")]
    [InlineData("/Filter /FlateDecode /DecodeParms << /Predictor 1 >>")]
    [InlineData("")]
    public void PageContentIsScannedWhateverFiltersItIsStoredWith(string filter)
    {
        // Stray restores and an unclosed text object only come out right if the content was decoded.
        var content = "Q Q BT /F1 12 Tf 72 700 Td (Body) Tj";
        var data = filter switch
        {
            "" => content,
            _ when filter.Contains("ASCIIHex", StringComparison.Ordinal) => Convert.ToHexString(System.Text.Encoding.Latin1.GetBytes(Deflate([content]))) + ">",
            _ => Deflate([content]),
        };

        var copy = Stamper.Stamp(OnePage(data, filter), Buyer);

        Assert.Equal(StampStatus.Stamped, copy.Status);
        var text = PdfChecks.PageTexts(copy.Output.ToArray()).Single();
        Assert.Contains("Body", text, StringComparison.Ordinal);
        Assert.Contains("priya@example.com", text, StringComparison.Ordinal);
        GeometryTests.AssertFooterUprightAtBottom(PdfChecks.Words(copy.Output.ToArray()).Single());
    }

    [Fact]
    public void CorruptFlateContentFallsBackToQpdfsRecoveringDecoder()
    {
        var good = Deflate(["BT /F1 12 Tf 72 700 Td (Body) Tj ET"]);
        // A wrong checksum at the end: zlib refuses the stream, qpdf keeps the data it inflated and warns.
        var damaged = good[..^4] + "\u0000\u0000\u0000\u0000";

        var copy = Stamper.Stamp(OnePage(damaged, "/Filter /FlateDecode"), Buyer);

        Assert.Equal(StampStatus.Stamped, copy.Status);
        Assert.Contains("priya@example.com", PdfChecks.PageTexts(copy.Output.ToArray()).Single(), StringComparison.Ordinal);
    }

    private static string Deflate(IEnumerable<string> parts)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(buffer, System.IO.Compression.CompressionLevel.Fastest))
        {
            foreach (var part in parts)
            {
                zlib.Write(System.Text.Encoding.Latin1.GetBytes(part));
            }
        }
        return System.Text.Encoding.Latin1.GetString(buffer.ToArray());
    }

    private static byte[] OnePage(string contentData, string contentDict) => Pages((contentData, contentDict));

    private static byte[] Pages(params (string Data, string Dict)[] contents)
    {
        var pdf = new PdfBuilder();
        var catalog = pdf.Reserve();
        var tree = pdf.Reserve();
        var font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        var kids = contents.Select(c => pdf.Add(
            $"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 {font} 0 R >> >> /Contents {pdf.AddStream(c.Data, c.Dict)} 0 R >>")).ToList();
        pdf.Set(catalog, $"<< /Type /Catalog /Pages {tree} 0 R >>");
        pdf.Set(tree, $"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>");
        return pdf.Build(catalog);
    }

    /// <summary>A one-page PDF above the engine's streaming threshold: a 10 MB noise image under the given page content.</summary>
    private static byte[] LargeMaster(string content)
    {
        var pdf = new PdfBuilder();
        var catalog = pdf.Reserve();
        var tree = pdf.Reserve();
        var noise = new byte[10 << 20];
        new Random(10).NextBytes(noise);
        var image = pdf.AddStream(System.Text.Encoding.Latin1.GetString(noise), "/Type /XObject /Subtype /Image /Width 2048 /Height 1707 /ColorSpace /DeviceRGB /BitsPerComponent 8");
        var contents = pdf.AddStream(content);
        var page = pdf.Add($"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {contents} 0 R >>");
        pdf.Set(catalog, $"<< /Type /Catalog /Pages {tree} 0 R >>");
        pdf.Set(tree, $"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>");
        return pdf.Build(catalog);
    }

    private static void AssertReadable(StampResult result, string what)
    {
        using var file = Tools.Temp(result.Output.Span);
        // Mutated stream data is copied through untouched, so qpdf --check may flag a stream the master
        // already had broken; the structure qpdf wrote must still open with the page count reported.
        var pages = Tools.Run("qpdf", "--show-npages", file.Path);
        Assert.True(pages.ExitCode is 0 or 3, $"{what}: qpdf cannot open the copy: {pages.Stderr}");
        Assert.True(result.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture) == pages.Stdout.Trim(),
            $"{what}: stamped {result.PageCount} pages, the copy has {pages.Stdout.Trim()}");
        var info = Tools.Run("pdfinfo", file.Path);
        Assert.True(info.ExitCode == 0, $"{what}: pdfinfo cannot open the copy: {info.Stderr}");
        var texts = PdfChecks.PageTexts(result.Output.ToArray());
        Assert.True(texts.Count == result.PageCount && texts.All(t => t.Contains("priya@example.com", StringComparison.Ordinal)),
            $"{what}: the footer is missing from a page");
    }

    private static (string Kind, byte[] Data) Mutate(byte[] seed, Random random)
    {
        var data = seed.ToArray();
        switch (random.Next(5))
        {
            case 0:
                return ("truncate", data[..random.Next(1, data.Length)]);
            case 1:
                for (var n = random.Next(1, 40); n > 0; n--)
                {
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                }
                return ("flip", data);
            case 2:
            {
                var at = random.Next(data.Length);
                var length = Math.Min(random.Next(1, 2000), data.Length - at);
                return ("delete", [.. data[..at], .. data[(at + length)..]]);
            }
            case 3:
            {
                var at = random.Next(data.Length);
                var length = Math.Min(random.Next(1, 2000), data.Length - at);
                return ("duplicate", [.. data[..(at + length)], .. data[at..]]);
            }
            default:
            {
                // Damage the tail, where the cross-reference table and trailer live.
                var from = Math.Max(0, data.Length - random.Next(1, 600));
                for (var i = from; i < data.Length; i++)
                {
                    data[i] = random.Next(3) == 0 ? (byte)random.Next(256) : data[i];
                }
                return ("tail", data);
            }
        }
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A response whose connection drops after the first write.</summary>
    private sealed class FailingAfterFirstWrite : Stream
    {
        public const string Message = "the connection was closed";

        private int _writes;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ++_writes > 1 ? ValueTask.FromException(new IOException(Message)) : ValueTask.CompletedTask;

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
