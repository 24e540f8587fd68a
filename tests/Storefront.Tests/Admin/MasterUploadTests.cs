using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Media.Storage;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>These tests read the process-wide heap, so they run alone (see <see cref="HeapMeasured"/>).</summary>
[Collection(nameof(HeapMeasured))]
[Trait("Heap", "Measured")]
public sealed class MasterUploadTests
{
    public static readonly TheoryData<string, string, string> Refusals = new()
    {
        { "png", "guide.pdf", "The file is not a PDF." },
        { "encrypted", "guide.pdf", "The PDF needs a password to open" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AMasterTheStampingEngineCannotServeIsRefusedWithItsReasonAndNotStored(string kind, string fileName, string reason)
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        var bytes = kind == "png"
            ? TestRecipe.Png(8, 8)
            : await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Shared, "fixtures", "pdfs", "encrypted-rc4-128-user-password-required.pdf"));

        var (status, answer) = await AdminRequests.UploadMasterAsync(editor, new MemoryStream(bytes), fileName);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(reason, answer.GetProperty("problem").GetString());
        Assert.False(Directory.Exists(Path.Combine(app.Folder.File("storage"), "private", "masters")));
        var audit = await app.WithDbAsync(c => c.Set<AuditEntry>().SingleAsync(e => e.Action == "master.refused"));
        Assert.StartsWith(reason, audit.Details);
        Assert.Equal(editor.Email, audit.UserName);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AMasterUploadWithoutTheAntiforgeryTokenIsRefused()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);

        var response = await editor.Client.PostAsync("/admin/products/master?name=guide.pdf", new ByteArrayContent(File.ReadAllBytes(TestRecipe.SamplePdf)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(app.Folder.File("storage"), "private", "masters")));
    }

    /// <summary>
    /// The server runs in this process, so its memory is ours: sampling the managed heap while 200 MB
    /// stream through shows whether anything on the way (form reading, request buffering, validation)
    /// held the upload in memory. The master is not a PDF, so the trial stamp that needs a whole PDF
    /// in memory does not run; it is accepted and served unchanged, as the stamping engine intends.
    /// </summary>
    [Fact]
    public async Task ATwoHundredMegabyteMasterStreamsIntoPrivateStorageWithoutBeingHeldInMemory()
    {
        const long size = 200L * 1024 * 1024;
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        var ((status, answer), growth) = await HeapGrowthDuring(() => AdminRequests.UploadMasterAsync(editor, new GeneratedStream(size), "course-videos.zip", size));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(size, answer.GetProperty("length").GetInt64());
        var key = BlobKey.Parse(answer.GetProperty("key").GetString()!);
        var stored = new FileInfo(Path.Combine([app.Folder.File("storage"), "private", .. key.Segments]));
        Assert.Equal(size, stored.Length);
        Assert.True(growth < size / 4, $"The heap grew by {growth / 1048576} MB during a {size / 1048576} MB upload.");
        app.Logs.AssertNoErrors();
    }

    /// <summary>
    /// The same for a 500 MB PDF, which the stamping engine must check by a full trial stamp before it is
    /// accepted: the staged upload is handed to qpdf as the file it is and the trial copy is discarded as
    /// it is written, so neither the upload nor the check holds the master in memory.
    /// </summary>
    [Fact]
    public async Task AFiveHundredMegabytePdfMasterIsValidatedAndStoredWithoutBeingHeldInMemory()
    {
        var pdf = new GeneratedPdf(pages: 25, width: 4096, height: 5120);
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        var ((status, answer), growth) = await HeapGrowthDuring(() => AdminRequests.UploadMasterAsync(editor, pdf.Open(), "photo-book.pdf", pdf.Length));

        Assert.True(status == HttpStatusCode.OK, answer.ToString());
        Assert.True(pdf.Length > 500L * 1024 * 1024);
        Assert.Equal(pdf.Length, answer.GetProperty("length").GetInt64());
        var key = BlobKey.Parse(answer.GetProperty("key").GetString()!);
        var stored = Path.Combine([app.Folder.File("storage"), "private", .. key.Segments]);
        Assert.Equal(pdf.Length, new FileInfo(stored).Length);
        Assert.Equal("25", (await ProcessRunner.RunAsync("qpdf", ["--show-npages", stored])).Output.Trim());
        Assert.True(growth < pdf.Length / 8, $"The heap grew by {growth / 1048576} MB during a {pdf.Length / 1048576} MB upload.");
        app.Logs.AssertNoErrors();
    }

    /// <summary>The highest the managed heap rose above its settled size while <paramref name="work"/> ran, sampled every 20 ms.</summary>
    private static async Task<(T Result, long Growth)> HeapGrowthDuring<T>(Func<Task<T>> work)
    {
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(20);
            }
        });
        var result = await work();
        await sampling.CancelAsync();
        await sampler;
        return (result, peak - baseline);
    }

    /// <summary>Deterministic bytes made as they are read: the test itself never holds the upload either.</summary>
    private sealed class GeneratedStream(long length) : ForwardOnlyStream
    {
        private long position;

        public override long Length => length;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = (byte)((position + i) * 31 >> 3);
            }

            position += n;
            return n;
        }
    }
}
