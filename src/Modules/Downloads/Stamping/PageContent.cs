using System.Runtime.ExceptionServices;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Decodes and scans the content of a document's pages for <see cref="PageStamper"/>, never past
/// <see cref="StampingOptions.MaxPageContentBytes"/> a page (see <see cref="ContentDecoder"/>).
/// <see cref="Prefetch"/> copies the pages' stored content out of qpdf before the document is parsed
/// whole and decodes and scans it on another core while qpdf parses: on a text-heavy book that hides the
/// scan almost entirely. Pages it could not take (other filters, data zlib refuses) are done in order
/// when stamped, through qpdf's decoder.
/// </summary>
internal sealed class PageContent(QpdfDocument pdf, int limit) : IDisposable
{
    /// <summary>Stored (still compressed) content held at once for the background scan; beyond it pages are scanned in turn.</summary>
    private const long PrefetchLimit = 64L << 20;

    private readonly ContentDecoder _decoder = new(limit);
    private readonly PooledBytes _raw = new(64 << 10);
    private List<List<StoredStream>?> _stored = [];
    private PageScan?[] _scanned = [];
    private Task? _background;
    private int _claimed;
    private volatile bool _done;

    /// <summary>The content streams of a page, in order; anything else in /Contents is ignored, as readers do.</summary>
    public static List<uint> Streams(QpdfDocument pdf, uint page)
    {
        var contents = pdf.Get(page, "/Contents");
        var result = new List<uint>();
        switch (pdf.TypeOf(contents))
        {
            case PdfType.Stream:
                result.Add(contents);
                break;
            case PdfType.Array:
                for (var i = 0; i < pdf.Count(contents); i++)
                {
                    var item = pdf.Item(contents, i);
                    if (pdf.TypeOf(item) == PdfType.Stream)
                    {
                        result.Add(item);
                    }
                }
                break;
        }
        return result;
    }

    /// <summary>Copies the pages' stored content (this thread: qpdf is not thread-safe) and starts scanning it on another.</summary>
    public void Prefetch(IReadOnlyList<uint> pages)
    {
        var stored = new List<List<StoredStream>?>();
        foreach (var page in pages)
        {
            if (_raw.Length > PrefetchLimit)
            {
                break;
            }
            var streams = pdf.IsDictionary(page) ? Streams(pdf, page) : [];
            var copies = new List<StoredStream>();
            foreach (var stream in streams)
            {
                var offset = _raw.Length;
                if (Stored(stream) is not { } kind || !pdf.ReadRawStreamData(stream, raw => Hold(raw)))
                {
                    copies = null;
                    break;
                }
                copies.Add(new StoredStream(offset, _raw.Length - offset, kind == StoredKind.Flate));
            }
            stored.Add(copies);
        }
        _stored = stored;
        _background = Task.Run(ScanIfUnclaimed);
    }

    private bool Hold(ReadOnlySpan<byte> raw)
    {
        _raw.Append(raw);
        return true;
    }

    public ContentBalance Scan(uint page, IReadOnlyList<uint> streams, int number)
    {
        if (Scanned() is { } results && number <= results.Length && results[number - 1] is { } scanned)
        {
            if (scanned.Error is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }
            if (scanned.Balance is { } balance)
            {
                return balance;
            }
        }
        return ScanInTurn(page, streams, number);
    }

    public void Dispose()
    {
        // The background scan reads the held content: it must be finished or never started before that goes back to the pool.
        if (_background is not null && !TryClaim())
        {
            _background.Wait();
        }
        _decoder.Dispose();
        _raw.Dispose();
    }

    private void ScanIfUnclaimed()
    {
        if (TryClaim())
        {
            ScanNow();
        }
    }

    private bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

    private void ScanNow()
    {
        _scanned = ScanAll(_stored, _raw.WrittenMemory, limit);
        _done = true;
    }

    /// <summary>
    /// The background results. If the pool has not started the scan yet (a busy server), this thread does
    /// it instead of blocking a pool thread on queued work; if the scan is running, it is waited for.
    /// </summary>
    private PageScan?[]? Scanned()
    {
        if (_background is null || _done)
        {
            return _background is null ? null : _scanned;
        }
        if (TryClaim())
        {
            ScanNow();
        }
        else
        {
            // Claimed by the pool thread, so it is running: the wait is for work under way.
            _background.Wait();
        }
        return _scanned;
    }

    private ContentBalance ScanInTurn(uint page, IReadOnlyList<uint> streams, int number)
    {
        _decoder.Reset();
        foreach (var stream in streams)
        {
            var kind = Stored(stream);
            if (kind is null || !pdf.ReadRawStreamData(stream, raw => _decoder.TryAppend(raw, kind == StoredKind.Flate, number)))
            {
                return ScanThroughQpdf(page, number);
            }
        }
        return ContentBalance.Scan(_decoder.Content);
    }

    private ContentBalance ScanThroughQpdf(uint page, int number)
    {
        var balance = pdf.ReadPageContent<ContentBalance?>(page, content =>
            content.Length > limit ? throw ContentDecoder.TooLarge(number, limit) : ContentBalance.Scan(content));
        return balance ?? throw new QpdfException(QpdfErrorCode.DamagedPdf, $"the content of page {number} cannot be decoded");
    }

    /// <summary>How a stream is stored, when the engine can decode it itself: plain or Flate without parameters.</summary>
    private StoredKind? Stored(uint stream)
    {
        var dictionary = pdf.StreamDictionary(stream);
        var filter = Single(pdf.Get(dictionary, "/Filter"));
        if (pdf.TypeOf(Single(pdf.Get(dictionary, "/DecodeParms"))) is not (PdfType.Uninitialized or PdfType.Null))
        {
            return null;
        }
        return pdf.TypeOf(filter) is PdfType.Uninitialized or PdfType.Null ? StoredKind.Plain
            : pdf.Name(filter) is "/FlateDecode" or "/Fl" ? StoredKind.Flate
            : null;
    }

    /// <summary>A one-element array stands for its element, as in <c>/Filter [/FlateDecode]</c>.</summary>
    private uint Single(uint value) =>
        pdf.TypeOf(value) == PdfType.Array && pdf.Count(value) == 1 ? pdf.Item(value, 0) : value;

    private static PageScan?[] ScanAll(List<List<StoredStream>?> pages, ReadOnlyMemory<byte> raw, int limit)
    {
        using var decoder = new ContentDecoder(limit);
        var results = new PageScan?[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i] is not { } streams)
            {
                continue;
            }
            try
            {
                decoder.Reset();
                var decoded = streams.TrueForAll(s => decoder.TryAppend(raw.Span.Slice(s.Offset, s.Length), s.Flate, i + 1));
                results[i] = decoded ? new PageScan(ContentBalance.Scan(decoder.Content), null) : null;
            }
            catch (Exception e)
            {
                results[i] = new PageScan(null, e);
            }
        }
        return results;
    }

    private enum StoredKind
    {
        Plain,
        Flate,
    }

    /// <summary>Where a stream's stored data sits in the held content.</summary>
    private sealed record StoredStream(int Offset, int Length, bool Flate);

    /// <summary>A page scanned in the background: its balance, or the error to raise when the page is stamped.</summary>
    private sealed record PageScan(ContentBalance? Balance, Exception? Error);
}
