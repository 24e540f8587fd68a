using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Storefront.Downloads.Gate;

/// <summary>
/// The response body for a copy streamed while the engine writes it. The status and the attachment
/// headers are set only when the first byte goes out, so a master the engine rejects before writing
/// anything still leaves the response free for the gate's error page. Every slice of the copy must reach
/// the connection within <paramref name="sliceLimit"/>: Kestrel's own minimum rate is averaged over the
/// whole response, so a reader who took the first megabytes fast and then stopped would hold it for long.
/// </summary>
internal sealed class StreamedCopy(
    HttpResponse response, string contentType, string fileName, long? length, TimeSpan sliceLimit, string? entityTag = null, ByteRange? range = null) : Stream
{
    internal const int SliceLength = 16 << 10;

    private readonly CancellationTokenSource stall = new();

    public bool Started => response.HasStarted || Written > 0;

    /// <summary>Whether a slice did not go out in time, so the copy was given up on.</summary>
    public bool Stalled => stall.IsCancellationRequested;

    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Written; set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return;
        }
        if (Written == 0)
        {
            Attachment.Apply(response, contentType, fileName, length, entityTag, range);
        }
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        try
        {
            for (var offset = 0; offset < buffer.Length; offset += SliceLength)
            {
                var slice = buffer.Slice(offset, Math.Min(SliceLength, buffer.Length - offset));
                stall.CancelAfter(sliceLimit);
                await response.Body.WriteAsync(slice, either.Token);
                Written += slice.Length;
            }
        }
        finally
        {
            // Disarmed however the write ended: a write cut short by the deadline must not later read as a stall
            // while the engine winds down. A stall that already fired stays fired.
            stall.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        Written == 0 ? Task.CompletedTask : response.Body.FlushAsync(cancellationToken);

    // The response only takes asynchronous writes; the engine never writes synchronously.
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            stall.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>The headers of a buyer's copy: an attachment that no cache may keep and no browser may sniff.</summary>
internal static class Attachment
{
    public static void Apply(HttpResponse response, string contentType, string fileName, long? length, string? entityTag = null, ByteRange? range = null)
    {
        response.StatusCode = range is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent;
        if (range is { } part)
        {
            response.Headers.ContentRange = part.ContentRange;
        }
        response.ContentType = contentType;
        response.ContentLength = length;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "private, no-store";
        // The copy is the same bytes on every download, so a range of it continues an interrupted one (see ResumeGate).
        response.Headers.AcceptRanges = "bytes";
        if (entityTag is not null)
        {
            response.Headers.ETag = entityTag;
        }
        response.Headers.Pragma = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
