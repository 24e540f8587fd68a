using System.Collections.Concurrent;
using Storefront.Downloads.Stamping;

namespace Storefront.Downloads.Gate;

/// <summary>
/// The lengths of copies stamped lately, by entity tag, so a resume of a large copy (streamed while qpdf writes it, so
/// its length is only known at the end) is answered without stamping it once just to count its bytes. Only lengths
/// are kept, never bytes; a copy this instance has not stamped whole is counted by stamping it into nothing.
/// </summary>
public sealed class CopyLengths(IPdfStamper stamper)
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, long> lengths = new(StringComparer.Ordinal);

    public long? Find(string entityTag) => lengths.TryGetValue(entityTag, out var length) ? length : null;

    public void Keep(string entityTag, long length)
    {
        if (lengths.Count >= MaxEntries)
        {
            // Rare and cheap to rebuild: a forgotten length costs one extra stamp on a resume.
            lengths.Clear();
        }
        lengths[entityTag] = length;
    }

    /// <summary>The copy's length, stamping it in memory (small masters, kept for the answer) or into nothing (large ones).</summary>
    internal async Task<long?> MeasureAsync(MasterFile master, StampRequest request, string entityTag, RequestedRange requested, CancellationToken cancellationToken)
    {
        if (!master.IsPdf && master.Length is { } passed)
        {
            return passed;
        }
        if (master.Length is { } small && small <= StampJob.StreamingThreshold)
        {
            var result = await CopySender.StampInMemoryAsync(stamper, master, request, cancellationToken);
            if (result.Status == StampStatus.Rejected)
            {
                return null;
            }
            requested.Stamped = result.Output;
            return result.Output.Length;
        }
        if (Find(entityTag) is { } known)
        {
            return known;
        }
        var outcome = await stamper.StampAsync(master.Content, Stream.Null, request, cancellationToken);
        if (outcome.Status == StampStatus.Rejected)
        {
            return null;
        }
        Keep(entityTag, outcome.BytesWritten);
        return outcome.BytesWritten;
    }
}
