using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Gate;
using Storefront.Downloads.Stamping;

namespace Storefront.Stamping.Tests;

/// <summary>The SHA-256 a copy template is found by: worked out once for a master the gate holds, every time for any other bytes.</summary>
public sealed class MasterDigestTests
{
    [Fact]
    public void AMasterHeldByTheGatesCacheIsHashedOnceForAllItsCopies()
    {
        var master = RandomNumberGenerator.GetBytes(256 << 10);
        var cache = new MasterCache(new OptionsMonitor<DownloadsOptions>(new OptionsFactory<DownloadsOptions>([], []), [], new OptionsCache<DownloadsOptions>()));
        cache.Keep("masters/abc/book.pdf", master);
        var held = cache.Find("masters/abc/book.pdf")!;

        var first = MasterSource.From(held).ContentHash();
        var second = MasterSource.From(held).ContentHash();

        Assert.Equal(SHA256.HashData(master), first);
        Assert.Same(first, second);
    }

    [Fact]
    public void BytesNobodyVouchedForAreHashedEveryTimeSoAReusedBufferNeverFindsAnotherMastersTemplate()
    {
        var buffer = RandomNumberGenerator.GetBytes(64 << 10);
        var before = MasterSource.From(buffer).ContentHash();
        buffer[1000] ^= 0xFF;
        var after = MasterSource.From(buffer).ContentHash();

        Assert.Equal(SHA256.HashData(buffer), after);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void PartOfAnArrayVouchedForIsHashedForWhatItHolds()
    {
        var bytes = RandomNumberGenerator.GetBytes(64 << 10);
        MasterSource.Unchangeable(bytes);
        _ = MasterSource.From(bytes).ContentHash();

        var part = bytes.AsMemory(10, 1000);
        Assert.Equal(SHA256.HashData(part.Span), MasterSource.From(part).ContentHash());
    }
}
