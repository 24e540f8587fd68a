using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Storefront.Downloads.Gate;

/// <summary>
/// Whether the buyer's machine received a copy whose last byte has left the app. A completed write only means
/// the bytes reached the kernel's send buffer, which holds megabytes, so a buyer who goes away with much of the
/// copy unsent would still look served. On Linux the socket's TCP_INFO tells how much is unacknowledged: the copy
/// counts once everything was acknowledged, and not if the connection was reset or acknowledgements stopped.
/// Elsewhere (another OS, another transport) a response that completed without an abort is all there is to go on.
/// </summary>
internal static class DeliveryConfirmation
{
    private const int TcpInfoOption = 11;
    private const byte Established = 1;
    private const byte CloseWait = 8;
    private const int UnackedOffset = 24;
    private const int BytesAckedOffset = 120;
    private const int NotSentOffset = 144;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task<bool> AcknowledgedAsync(HttpContext http, TimeSpan stallLimit, CancellationToken cancellationToken)
    {
        var socket = http.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is null || !OperatingSystem.IsLinux())
        {
            return !cancellationToken.IsCancellationRequested;
        }

        var info = new byte[256];
        var (lastAcked, lastProgress) = (0UL, Stopwatch.GetTimestamp());
        while (!cancellationToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = socket.GetRawSocketOption((int)SocketOptionLevel.Tcp, TcpInfoOption, info);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return false;
            }

            // A buyer who closes after reading everything leaves the connection half-open (CLOSE_WAIT); a reset is not that.
            if (info[0] is not (Established or CloseWait) || length < NotSentOffset + sizeof(uint))
            {
                return info[0] is Established or CloseWait;
            }
            if (Read<uint>(info, UnackedOffset) == 0 && Read<uint>(info, NotSentOffset) == 0)
            {
                return true;
            }

            var acked = Read<ulong>(info, BytesAckedOffset);
            if (acked != lastAcked)
            {
                (lastAcked, lastProgress) = (acked, Stopwatch.GetTimestamp());
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) > stallLimit)
            {
                return false;
            }

            try
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return false;
    }

    private static T Read<T>(byte[] info, int offset) where T : struct => MemoryMarshal.Read<T>(info.AsSpan(offset));
}
