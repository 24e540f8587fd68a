using Storefront.Downloads.Gate;

namespace Storefront.Tests.Payments;

/// <summary>
/// The gate's judgement of a copy from its connection's TCP counters. The figures are those Linux reported for real
/// downloads of a 2,099,771-byte copy whose response head is 727 bytes; the end-to-end cases are in
/// <see cref="DownloadDeliveryTests"/> and <see cref="DownloadResumeTests"/>.
/// </summary>
public sealed class TcpProgressTests
{
    private const ulong Copy = 2_099_771;

    [Fact]
    public void ACopyReceivedWholeCountsThoughTheBuyerClosedFirst()
    {
        var curl = new TcpProgress(Closed: true, Acked: 2_100_498, NotSent: 0, Sent: 2_100_498, Retransmitted: 0);

        Assert.True(curl.Delivered(Copy));
        Assert.Equal(2_100_498UL, curl.Written);
    }

    /// <summary>
    /// A reset a quarter of the way in, while the rest of the copy was still in the server's own buffers: the socket sent
    /// all it was given and all of that was acknowledged, which alone would read as delivered.
    /// </summary>
    [Fact]
    public void AResetWhileTheCopyWasStillInTheServerDoesNotCount()
    {
        var reset = new TcpProgress(Closed: true, Acked: 262_865, NotSent: 0, Sent: 262_865, Retransmitted: 0);

        Assert.False(reset.Delivered(Copy));
    }

    [Theory]
    [InlineData(1_821_249UL, 279_249UL)] // most of the copy still waiting in the socket
    [InlineData(0UL, 279_249UL)] // 16 KB on the wire, never acknowledged
    public void AResetWithBytesUnsentOrUnacknowledgedDoesNotCount(ulong notSent, ulong sent)
    {
        var reset = new TcpProgress(Closed: true, Acked: 262_865, NotSent: (uint)notSent, Sent: sent, Retransmitted: 0);

        Assert.False(reset.Delivered(Copy));
    }

    [Fact]
    public void AnOpenConnectionCountsOnceTheLastByteIsAcknowledged()
    {
        var sending = new TcpProgress(Closed: false, Acked: 2_032_337, NotSent: 0, Sent: 2_097_873, Retransmitted: 0);
        var acknowledged = sending with { Acked = 2_100_498, Sent = 2_100_498 };

        Assert.False(sending.Delivered(Copy));
        Assert.True(acknowledged.Delivered(Copy));
    }

    [Fact]
    public void RetransmittedBytesAreCountedOnce()
    {
        var retried = new TcpProgress(Closed: true, Acked: 2_100_498, NotSent: 0, Sent: 2_111_355, Retransmitted: 10_857);

        Assert.True(retried.Delivered(Copy));
        Assert.Equal(2_100_498UL, retried.Written);
    }

    /// <summary>On a kept-alive connection the counters include the answers before the copy; they are not the copy's.</summary>
    [Fact]
    public void WhatTheConnectionCarriedBeforeTheCopyIsNotCountedAsTheCopy()
    {
        var page = new TcpProgress(Closed: false, Acked: 14_200, NotSent: 0, Sent: 14_200, Retransmitted: 0);
        var afterCopy = page with { Closed = true, Acked = 14_200 + 262_865, Sent = 14_200 + 262_865 };

        Assert.False(afterCopy.Delivered(page.Written + Copy));
        Assert.True((afterCopy with { Acked = 14_200 + 2_100_498, Sent = 14_200 + 2_100_498 }).Delivered(page.Written + Copy));
    }
}
