using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using Storefront.Host.Hosting;

namespace Storefront.Tests.Hosting;

/// <summary>Alone: the native-memory test reads the process's resident memory, which tests running beside it would move.</summary>
[CollectionDefinition(nameof(IdleMemoryTrimTests), DisableParallelization = true)]
public sealed class IdleMemoryTrimCollection;

[Collection(nameof(IdleMemoryTrimTests))]
public sealed class IdleMemoryTrimTests
{
    [Fact]
    public void MemoryIsGivenBackOnceWhenABurstOfWorkHasGoneQuiet()
    {
        var trim = new IdleMemoryTrim(TimeProvider.System, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), NullLogger<IdleMemoryTrim>.Instance);
        var allocated = GC.GetTotalAllocatedBytes() + 1;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();

        // The start is a burst: not while it lasts, once when the shop is first quiet, even while still compiling.
        Assert.Equal(IdleMemoryTrim.Step.None, trim.Next(allocated += IdleMemoryTrim.QuietBytes * 4, compiled += 2000));
        Assert.Equal(IdleMemoryTrim.Step.Trim, trim.Next(allocated += 1024, compiled += 500));

        // An idle shop's own periodic work after that: a little each interval, never a burst.
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(IdleMemoryTrim.Step.None, trim.Next(allocated += IdleMemoryTrim.QuietBytes / 4, compiled));
        }

        // A burst: not while it lasts, once when it has gone quiet, not again while the shop stays idle.
        Assert.Equal(IdleMemoryTrim.Step.None, trim.Next(allocated += IdleMemoryTrim.BurstBytes, compiled));
        Assert.Equal(IdleMemoryTrim.Step.Trim, trim.Next(allocated += 1024, compiled));
        Assert.Equal(IdleMemoryTrim.Step.None, trim.Next(allocated += 1024, compiled));
        Assert.Equal(IdleMemoryTrim.Step.None, trim.Next(allocated += 1024, compiled));
    }

    [Fact]
    public void FilePagesAreGivenBackOnceWhenWarmingUpHasEnded()
    {
        var trim = new IdleMemoryTrim(TimeProvider.System, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), NullLogger<IdleMemoryTrim>.Instance);
        var allocated = GC.GetTotalAllocatedBytes() + 1;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        Assert.Equal(IdleMemoryTrim.Step.Trim, trim.Next(allocated += 1024, compiled));

        // The periodic work's first runs compile, a little at a time: not while compiling goes on.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(IdleMemoryTrim.Step.None, trim.Next(allocated += 1024, compiled += IdleMemoryTrim.WarmUpMethods / 10));
        }
        // Once compiling has ended, once; a few methods compiled later are no reason to release again.
        Assert.Equal(IdleMemoryTrim.Step.ReleaseFilePages, trim.Next(allocated += 1024, compiled += IdleMemoryTrim.QuietMethods - 1));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(IdleMemoryTrim.Step.None, trim.Next(allocated += 1024, compiled += 1));
        }

        // Nor while the shop is busy, however much has been compiled.
        Assert.Equal(IdleMemoryTrim.Step.None, trim.Next(allocated += IdleMemoryTrim.QuietBytes, compiled += IdleMemoryTrim.WarmUpMethods * 2));
        Assert.Equal(IdleMemoryTrim.Step.None, trim.Next(allocated += IdleMemoryTrim.QuietBytes, compiled));
        Assert.Equal(IdleMemoryTrim.Step.ReleaseFilePages, trim.Next(allocated += 1024, compiled));
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
}
