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
/// counts once every byte of it reached the socket and was acknowledged, and not if the connection was reset first or
/// acknowledgements stopped. Bytes the buyer's machine acknowledged count as received even if it resets afterwards;
/// only the response head's few hundred bytes are not counted, as the app never learns their length. Elsewhere
/// (another OS, a kernel before 4.19, another transport) a response that completed without an abort is all there is to
/// go on.
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
    private const int BytesAckedOffset = 120;
    private const int NotSentOffset = 144;
    // Every data byte sent, retransmissions included, and the retransmitted ones (Linux 4.19 and later).
    private const int BytesSentOffset = 200;
    private const int BytesRetransOffset = 208;
    private const int InfoLength = BytesRetransOffset + sizeof(ulong);
    private const int DuplicateCloseOnExec = 1030;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly int descriptor;
    private readonly ulong before;
    private readonly byte[] info = new byte[256];

    private DeliveryConfirmation() => descriptor = -1;

    private DeliveryConfirmation(int descriptor)
    {
        this.descriptor = descriptor;
        if (descriptor >= 0 && Read() is { } start)
        {
            before = start.Written;
        }
        else
        {
            Dispose();
            this.descriptor = -1;
        }
    }

    /// <summary>Starts watching the request's connection; call before the first byte of the copy is written.</summary>
    public static DeliveryConfirmation Watch(HttpContext http)
    {
        if (!OperatingSystem.IsLinux() || http.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            return new DeliveryConfirmation();
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
            return new DeliveryConfirmation();
        }
        finally
        {
            if (held)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <param name="copyBytes">The bytes of the copy the app wrote; its response head comes on top.</param>
    /// <param name="overtime">The copy's deadline. A buyer hanging up does not end the wait: what the buyer's side acknowledged is read after it.</param>
    public async Task<bool> AcknowledgedAsync(HttpContext http, long copyBytes, TimeSpan stallLimit, CancellationToken overtime)
    {
        if (descriptor < 0)
        {
            return !http.RequestAborted.IsCancellationRequested && !overtime.IsCancellationRequested;
        }

        var due = before + (ulong)copyBytes;
        var (lastAcked, lastProgress) = (0UL, Stopwatch.GetTimestamp());
        while (!overtime.IsCancellationRequested)
        {
            if (Read() is not { } now)
            {
                return false;
            }
            if (now.Delivered(due))
            {
                return true;
            }
            if (now.Closed)
            {
                return false;
            }

            if (now.Acked != lastAcked)
            {
                (lastAcked, lastProgress) = (now.Acked, Stopwatch.GetTimestamp());
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

    private TcpProgress? Read()
    {
        var length = info.Length;
        if (GetSocketOption(descriptor, (int)SocketOptionLevel.Tcp, TcpInfoOption, info, ref length) != 0 || length < InfoLength)
        {
            return null;
        }
        return new TcpProgress(info[0] is Closed or TimeWait, Read<ulong>(BytesAckedOffset), Read<uint>(NotSentOffset),
            Read<ulong>(BytesSentOffset), Read<ulong>(BytesRetransOffset));
    }

    private T Read<T>(int offset) where T : struct => MemoryMarshal.Read<T>(info.AsSpan(offset));

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Duplicate(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    private static partial int GetSocketOption(int fd, int level, int option, [Out] byte[] value, ref int length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

/// <summary>A connection's cumulative TCP counters, as TCP_INFO gives them.</summary>
/// <param name="Closed">Closed for good, gracefully or by a reset; the counters keep their last values.</param>
/// <param name="Acked">Bytes the peer acknowledged.</param>
/// <param name="NotSent">Bytes written to the socket and not yet sent; a reset drops them but not this count.</param>
/// <param name="Sent">Bytes sent, retransmissions included.</param>
/// <param name="Retransmitted">Bytes sent again.</param>
internal readonly record struct TcpProgress(bool Closed, ulong Acked, uint NotSent, ulong Sent, ulong Retransmitted)
{
    /// <summary>Every byte ever written to the socket.</summary>
    public ulong Written => Sent - Retransmitted + NotSent;

    /// <summary>
    /// Everything written to the socket was sent and acknowledged, and that reaches <paramref name="due"/>: the bytes
    /// written before the copy and the copy itself. The second test matters after a reset: the server's own buffers drop
    /// what they still held, and an app writing into a connection that broke is not told at once, so the socket's
    /// counters alone would show a copy cut a quarter of the way as all sent and all acknowledged.
    /// </summary>
    public bool Delivered(ulong due) => NotSent == 0 && Acked >= Sent - Retransmitted && Acked >= due;
}
