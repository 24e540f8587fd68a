using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Storefront.Downloads.Gate;

/// <summary>The part of a copy an answer carries: bytes <see cref="From"/> to <see cref="To"/> of a copy <see cref="Length"/> long.</summary>
public readonly record struct ByteRange(long From, long To, long Length)
{
    public long Count => To - From + 1;

    public string ContentRange => string.Create(CultureInfo.InvariantCulture, $"bytes {From}-{To}/{Length}");
}

/// <summary>
/// One byte range a GET asked for (RFC 9110 §14): <c>bytes=a-b</c>, <c>a-</c> or <c>-n</c>. A request with several
/// ranges, another unit, a malformed header, or an <c>If-Range</c> that is not the copy's strong entity tag is
/// answered with the whole copy, as the RFC lets a server do, so a resume never splices two different copies.
/// </summary>
public sealed record RangeRequest(long? From, long? To)
{
    /// <summary>Whether the request carries a Range header at all (before the entity tag is known).</summary>
    public static bool Asked(HttpRequest request) => request.Headers.Range.Count > 0;

    /// <summary>The single range to answer, or null for the whole copy.</summary>
    public static RangeRequest? Read(HttpRequest request, string entityTag)
    {
        if (!RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var header)
            || !string.Equals(header.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase) || header.Ranges.Count != 1)
        {
            return null;
        }
        var ifRange = request.Headers.IfRange.ToString();
        if (ifRange.Length > 0 && (!EntityTagHeaderValue.TryParse(ifRange, out var tag) || tag.IsWeak || tag.Tag.Value != entityTag))
        {
            // A date, a weak tag or another copy's tag: the part the client holds may not be of this copy.
            return null;
        }
        var range = header.Ranges.Single();
        return new RangeRequest(range.From, range.To);
    }

    /// <summary>The bytes to send of a copy this long, or null when none of them exists (416).</summary>
    public ByteRange? Resolve(long length)
    {
        if (From is not { } from)
        {
            // A suffix: the last n bytes, all of them when the copy is shorter.
            return To is > 0 && length > 0 ? new ByteRange(Math.Max(0, length - To.Value), length - 1, length) : null;
        }
        return from < length ? new ByteRange(from, Math.Min(To ?? long.MaxValue, length - 1), length) : null;
    }
}

/// <summary>
/// The range this request is answered with, once the gate resolved it against the copy's length; null for the whole
/// copy. A copy stamped in memory to learn its length is kept here so the answer does not stamp it again.
/// </summary>
public sealed class RequestedRange
{
    public ByteRange? Range { get; set; }

    public string? EntityTag { get; set; }

    internal ReadOnlyMemory<byte>? Stamped { get; set; }
}
