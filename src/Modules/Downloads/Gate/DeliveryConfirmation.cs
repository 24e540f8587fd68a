using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Storefront.Downloads.Gate;

/// <summary>
/// Whether the buyer's machine received a copy whose last byte has left the app. A completed write only means
/// the bytes reached the kernel's send buffer, which holds megabytes, so a buyer who goes away with much of the
/// copy unsent would still look served. On Linux the socket's TCP_INFO tells how much is acknowledged: the copy
/// counts once every byte sent was acknowledged, and not if the connection was reset first or acknowledgements stopped.
/// Elsewhere (another OS, another transport) a response that completed without an abort is all there is to go on.
/// </summary>
/// <remarks>
/// The socket is watched through a descriptor of its own, taken before the first byte: a client such as curl closes
/// the moment it has the last byte, Kestrel then drops its socket at once, and without a descriptor of our own the
/// acknowledgement of a copy received whole could no longer be read (it would count as broken off and give the use
/// back). Holding the descriptor keeps the kernel's socket, and its counters, until the copy is judged.
/// </remarks>
internal sealed partial class DeliveryConfirmation : IDisposable
{
    private const int TcpInfoOption = 11;
    private const byte TimeWait = 6;
    private const byte Closed = 7;
    private const int UnackedOffset = 24;
    private const int BytesAckedOffset = 120;
    private const int NotSentOffset = 144;
    // Every data byte sent, retransmissions included, and the retransmitted ones.
    private const int BytesSentOffset = 200;
    private const int BytesRetransOffset = 208;
    private const int DuplicateCloseOnExec = 1030;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly int descriptor;
    private readonly byte[] info = new byte[256];

    private DeliveryConfirmation(int descriptor) => this.descriptor = descriptor;

    /// <summary>Starts watching the request's connection; call before the first byte of the copy is written.</summary>
    public static DeliveryConfirmation Watch(HttpContext http)
    {
        if (!OperatingSystem.IsLinux() || http.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            return new DeliveryConfirmation(-1);
        }

        var held = false;
        try
        {
            // Held while it is duplicated, so a socket closed meanwhile cannot hand over a number reused for another file.
            socket.SafeHandle.DangerousAddRef(ref held);
            return new DeliveryConfirmation(Duplicate((int)socket.SafeHandle.DangerousGetHandle(), DuplicateCloseOnExec, 0));
        }
        catch (ObjectDisposedException)
        {
            // Gone before the first byte: nothing can be acknowledged.
            return new DeliveryConfirmation(-1);
        }
        finally
        {
            if (held)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <param name="overtime">The copy's deadline. A buyer hanging up does not end the wait: what the buyer's side acknowledged is read after it.</param>
    public async Task<bool> AcknowledgedAsync(HttpContext http, TimeSpan stallLimit, CancellationToken overtime)
    {
        if (descriptor < 0)
        {
            return !http.RequestAborted.IsCancellationRequested && !overtime.IsCancellationRequested;
        }

        var (lastAcked, lastProgress) = (0UL, Stopwatch.GetTimestamp());
        while (!overtime.IsCancellationRequested)
        {
            var length = info.Length;
            if (GetSocketOption(descriptor, (int)SocketOptionLevel.Tcp, TcpInfoOption, info, ref length) != 0 || length < NotSentOffset + sizeof(uint))
            {
                return false;
            }

            if (info[0] is Closed or TimeWait)
            {
                // Closed for good, gracefully or by a reset; the cumulative counters still tell (Linux 4.19 and later): a reset
                // empties the queue of unacknowledged data but never counts it as acknowledged.
                return length >= BytesRetransOffset + sizeof(ulong) && Read<uint>(NotSentOffset) == 0
                    && Read<ulong>(BytesAckedOffset) >= Read<ulong>(BytesSentOffset) - Read<ulong>(BytesRetransOffset);
            }
            if (Read<uint>(UnackedOffset) == 0 && Read<uint>(NotSentOffset) == 0)
            {
                return true;
            }

            var acked = Read<ulong>(BytesAckedOffset);
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
                await Task.Delay(PollInterval, overtime);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return false;
    }

    public void Dispose()
    {
        if (descriptor >= 0)
        {
            _ = Close(descriptor);
        }
    }

    private T Read<T>(int offset) where T : struct => MemoryMarshal.Read<T>(info.AsSpan(offset));

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Duplicate(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSocketOption(int fd, int level, int option, [Out] byte[] value, ref int length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
