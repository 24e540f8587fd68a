using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using Storefront.Host.Hosting;

namespace Storefront.Tests.Hosting;

/// <summary>Alone: the native-memory test reads the process's resident memory, which tests running beside it would move.</summary>
[CollectionDefinition(nameof(IdleMemoryTrimTests), DisableParallelization = true)]
public sealed class IdleMemoryTrimCollection;

[Collection(nameof(IdleMemoryTrimTests))]
public sealed partial class IdleMemoryTrimTests
{
    [Fact]
    public void MemoryIsGivenBackOnceWhenABurstOfWorkHasGoneQuiet()
    {
        var trim = new IdleMemoryTrim(TimeProvider.System, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), NullLogger<IdleMemoryTrim>.Instance);
        var allocated = GC.GetTotalAllocatedBytes() + 1;

        // The start is a burst: not while it lasts, once when the shop is first quiet.
        Assert.False(trim.ShouldTrim(allocated += IdleMemoryTrim.QuietBytes * 4));
        Assert.True(trim.ShouldTrim(allocated += 1024));

        // An idle shop's own periodic work after that: a little each interval, never a burst.
        for (var i = 0; i < 50; i++)
        {
            Assert.False(trim.ShouldTrim(allocated += IdleMemoryTrim.QuietBytes / 4));
        }

        // A burst: not while it lasts, once when it has gone quiet, not again while the shop stays idle.
        Assert.False(trim.ShouldTrim(allocated += IdleMemoryTrim.BurstBytes));
        Assert.True(trim.ShouldTrim(allocated += 1024));
        Assert.False(trim.ShouldTrim(allocated += 1024));
        Assert.False(trim.ShouldTrim(allocated += 1024));
    }

    [Fact]
    public void TrimmingHandsFreedNativeMemoryBackToTheSystem()
    {
        // Blocks freed between blocks still in use stay with the allocator until trimmed, as qpdf's freed documents do
        // between the buffers of copies still being written.
        const int Blocks = 1024, Size = 64 << 10, Kept = 16;
        var blocks = new nint[Blocks];
        var ones = Enumerable.Repeat((byte)1, Size).ToArray();
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(Size);
            Marshal.Copy(ones, 0, blocks[i], Size);
        }
        var filled = Environment.WorkingSet;
        for (var i = 0; i < Blocks; i++)
        {
            if (i % Kept != Kept - 1)
            {
                Marshal.FreeHGlobal(blocks[i]);
            }
        }

        try
        {
            var before = Environment.WorkingSet;
            Assert.True(IdleMemoryTrim.TrimNative());
            var after = Environment.WorkingSet;
            Assert.True(before - after > 32L << 20, $"resident {filled >> 20} MB with the blocks, {before >> 20} MB before the trim, {after >> 20} MB after");
        }
        finally
        {
            for (var i = Kept - 1; i < Blocks; i += Kept)
            {
                Marshal.FreeHGlobal(blocks[i]);
            }
        }
    }

    [Fact]
    public void PagesReadFromAReadOnlyMappedFileAreHandedBackAndWritableMappingsAreLeftAlone()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Equal(-1, FilePages.PageOut());
            return;
        }
        const int Size = 32 << 20;
        var folder = Directory.CreateTempSubdirectory("pageout-");
        try
        {
            string Written(string name)
            {
                var path = Path.Combine(folder.FullName, name);
                using var file = new FileStream(path, FileMode.CreateNew);
                var chunk = Enumerable.Repeat((byte)7, 1 << 20).ToArray();
                for (var i = 0; i < Size >> 20; i++)
                {
                    file.Write(chunk);
                }
                // On disk, so the page cache holds clean copies the kernel may drop, as it does for an assembly.
                file.Flush(flushToDisk: true);
                return path;
            }
            var readOnly = Written("read-only.bin");
            var writable = Written("writable.bin");
            using var readMap = MemoryMappedFile.CreateFromFile(readOnly, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            using var readView = readMap.CreateViewAccessor(0, Size, MemoryMappedFileAccess.Read);
            using var writeMap = MemoryMappedFile.CreateFromFile(writable, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
            using var writeView = writeMap.CreateViewAccessor(0, Size, MemoryMappedFileAccess.ReadWrite);
            long sum = 0;
            for (long at = 0; at < Size; at += 4096)
            {
                sum += readView.ReadByte(at);
                writeView.Write(at, (byte)(writeView.ReadByte(at) + 1));
            }
            Assert.Equal(7L * (Size / 4096), sum);
            var (readBefore, writeBefore) = (ResidentKb(readOnly), ResidentKb(writable));
            Assert.True(readBefore > 30 << 10 && writeBefore > 30 << 10, $"resident before: {readBefore} kB read-only, {writeBefore} kB writable");

            Assert.True(FilePages.PageOut(path => path == readOnly || path == writable) >= 1);

            var (readAfter, writeAfter) = (ResidentKb(readOnly), ResidentKb(writable));
            Assert.True(readAfter < 4 << 10, $"read-only mapping: {readBefore} kB resident before, {readAfter} kB after");
            Assert.Equal(writeBefore, writeAfter);
            // What is read again comes back, with the file's bytes.
            Assert.Equal(7, readView.ReadByte(Size - 1));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The resident kilobytes of this process's mappings of one file, from <c>/proc/self/smaps</c>.</summary>
    private static long ResidentKb(string path)
    {
        long total = 0;
        var inFile = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (MappingHeader().Match(line) is { Success: true } header)
            {
                inFile = header.Groups["path"].Value == path;
            }
            else if (inFile && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                total += long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return total;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(?<path>.*)$")]
    private static partial System.Text.RegularExpressions.Regex MappingHeader();
}
