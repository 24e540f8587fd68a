using System.Diagnostics;
using Storefront.Downloads.Stamping;
using Storefront.Stamping.Tests.Support;

namespace Storefront.Stamping.Tests;

/// <summary>
/// Judged by the process's working set, which every test in the assembly shares: this collection runs on
/// its own, so another test's buffers cannot be mistaken for a leak.
/// </summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsCollection;

[Collection(nameof(MemoryTests))]
public sealed class MemoryTests
{
    private static readonly PdfStamper Stamper = new();
    // The email is the longest word of the line, the easiest to find again on a page: these tests stamp the wording that shows it.
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-fuzz") { Template = StampTemplate.WithEmail };

    [Fact]
    public void RepeatedStampsAndRefusalsDoNotLeakNativeMemory()
    {
        var book = Corpus.Get("many-pages-117-linearized-book-german.pdf").Read();
        var locked = Corpus.Get("encrypted-aes256-r6-user-password-required.pdf").Read();
        void Round()
        {
            Assert.Equal(StampStatus.Stamped, Stamper.Stamp(book, Buyer).Status);
            Assert.Equal(StampStatus.Rejected, Stamper.Stamp(locked, Buyer).Status);
            Assert.Equal(StampStatus.Rejected, Stamper.Stamp(book.AsMemory(0, 5000), Buyer).Status);
        }
        for (var i = 0; i < 5; i++)
        {
            Round();
        }
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;

        for (var i = 0; i < 60; i++)
        {
            Round();
        }
        GC.Collect();
        var growth = Process.GetCurrentProcess().WorkingSet64 - before;

        // One leaked run would hold the parsed 1.8 MB book and its ~1.8 MB output: 60 runs would pass 200 MB.
        Assert.True(growth < 80L * 1024 * 1024, $"working set grew by {growth / 1024 / 1024} MB over 60 rounds");
    }

    [Fact]
    public async Task AWarmProcessStampsALargeMasterWithoutFaultingItsStreamsInAfresh()
    {
        using var file = Tools.Temp(PdfBuilder.ImageDocument(images: 12, imageBytes: 2 << 20));
        async Task StampAsync()
        {
            await using var master = File.OpenRead(file.Path);
            Assert.Equal(StampStatus.Stamped, (await Stamper.StampAsync(master, Stream.Null, Buyer)).Status);
        }
        await StampAsync();
        await StampAsync();
        var before = MinorFaults();
        await StampAsync();
        var faults = MinorFaults() - before;

        // qpdf copies each image through a buffer of its size. If the heap handed those back to the kernel,
        // every copy would fault in a page per 4 KB of the 24 MB again: ~6,800 faults measured that way,
        // ~1,400 with the buffers kept (the rest is the engine's own head and tail samples and the GC).
        var pages = new FileInfo(file.Path).Length / 4096;
        Assert.True(faults < pages / 2, $"a warm stamp of a {pages}-page (4 KB) file took {faults} page faults");
    }

    /// <summary>The process's minor page faults so far (/proc/self/stat, field 10).</summary>
    private static long MinorFaults()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // The command name in field 2 may hold spaces; count fields after its closing parenthesis.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }
}
