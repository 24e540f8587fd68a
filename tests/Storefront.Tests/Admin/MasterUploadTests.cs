using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Audit;
using Storefront.Media.Storage;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

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
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(20);
            }
        });

        var (status, answer) = await AdminRequests.UploadMasterAsync(editor, new GeneratedStream(size), "course-videos.zip", size);
        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(size, answer.GetProperty("length").GetInt64());
        var key = BlobKey.Parse(answer.GetProperty("key").GetString()!);
        var stored = new FileInfo(Path.Combine([app.Folder.File("storage"), "private", .. key.Segments]));
        Assert.Equal(size, stored.Length);
        Assert.True(peak - baseline < size / 4, $"The heap grew by {(peak - baseline) / 1048576} MB during a {size / 1048576} MB upload.");
        app.Logs.AssertNoErrors();
    }

    /// <summary>Deterministic bytes made as they are read: the test itself never holds the upload either.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

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

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
