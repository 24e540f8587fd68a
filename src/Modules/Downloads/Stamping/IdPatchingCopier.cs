using System.Buffers;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Copies qpdf's output to the response while swapping the static /ID placeholder for the copy's own
/// (see <see cref="DocumentId"/>). It holds back just enough bytes to catch a placeholder split across reads.
/// </summary>
internal sealed class IdPatchingCopier(DocumentId id, Stream output)
{
    private const int ChunkLength = 1 << 20;

    public long Written { get; private set; }

    public int Patched { get; private set; }

    /// <summary>
    /// qpdf writes in 4 KB pieces; a reader that forwarded each piece as it came would pay a hand-off and a
    /// write to the response per piece. Gathering a quarter MB first keeps the writes few and large.
    /// </summary>
    private const int MinimumRead = 256 << 10;

    public async Task CopyFromAsync(Stream source, CancellationToken cancellationToken)
    {
        var keep = DocumentId.Window - 1;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkLength + DocumentId.Window);
        try
        {
            var held = 0;
            while (true)
            {
                var count = await source.ReadAtLeastAsync(buffer.AsMemory(held, ChunkLength), MinimumRead, throwOnEndOfStream: false, cancellationToken);
                if (count == 0)
                {
                    break;
                }
                var filled = held + count;
                Patched += id.Patch(buffer.AsSpan(0, filled), final: false);
                var flush = Math.Max(0, filled - keep);
                await output.WriteAsync(buffer.AsMemory(0, flush), cancellationToken);
                Written += flush;
                held = filled - flush;
                buffer.AsSpan(flush, held).CopyTo(buffer);
            }
            Patched += id.Patch(buffer.AsSpan(0, held), final: true);
            await output.WriteAsync(buffer.AsMemory(0, held), cancellationToken);
            Written += held;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
