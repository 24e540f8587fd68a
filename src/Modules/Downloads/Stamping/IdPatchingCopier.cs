namespace Storefront.Downloads.Stamping;

/// <summary>
/// Copies qpdf's output to the response while swapping the static /ID placeholder for the copy's own
/// (see <see cref="DocumentId"/>). It holds back just enough bytes to catch a placeholder split across reads.
/// </summary>
internal sealed class IdPatchingCopier(DocumentId id, Stream output)
{
    private readonly byte[] _buffer = new byte[(1 << 20) + DocumentId.Window];
    private int _held;

    public long Written { get; private set; }

    public int Patched { get; private set; }

    public async Task CopyFromAsync(Stream source, CancellationToken cancellationToken)
    {
        var keep = DocumentId.Window - 1;
        while (true)
        {
            var read = await source.ReadAsync(_buffer.AsMemory(_held, _buffer.Length - _held), cancellationToken);
            if (read == 0)
            {
                break;
            }
            var filled = _held + read;
            Patched += id.Patch(_buffer.AsSpan(0, filled), final: false);
            var flush = Math.Max(0, filled - keep);
            await output.WriteAsync(_buffer.AsMemory(0, flush), cancellationToken);
            Written += flush;
            _held = filled - flush;
            _buffer.AsSpan(flush, _held).CopyTo(_buffer);
        }
        Patched += id.Patch(_buffer.AsSpan(0, _held), final: true);
        await output.WriteAsync(_buffer.AsMemory(0, _held), cancellationToken);
        Written += _held;
        _held = 0;
    }
}
