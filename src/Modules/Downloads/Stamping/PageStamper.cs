using System.Buffers;
using Storefront.Downloads.Stamping.Fonts;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Stamps the pages of one open document. Fonts and the label's graphics state are added to the file
/// once and shared by every page; each page's original content is wrapped, balanced and followed by the footer.
/// </summary>
internal sealed class PageStamper
{
    private const string StateName = "SFStampGS";

    private readonly QpdfDocument _pdf;
    private readonly ShapedLine _line;
    private readonly string _fingerprint;
    private readonly double _maxFontSize;
    private readonly Dictionary<string, uint> _fonts = [];
    private readonly Dictionary<int, uint> _prefixes = [];
    private readonly ArrayBufferWriter<byte> _suffix = new(1024);
    private readonly Dictionary<int, List<(byte[] Content, uint Stream)>> _suffixes = [];
    private readonly uint _state;
    private readonly PageContent _content;
    private readonly FooterClasses? _classes;

    /// <summary>
    /// Adds the shared fonts and graphics state. The first new indirect object makes qpdf parse the whole
    /// file, so <paramref name="content"/> should have been given the pages to prefetch before this.
    /// </summary>
    /// <remarks>
    /// Given <paramref name="classes"/>, each footer stream carries its class's placeholder instead of the line: the
    /// document becomes a <see cref="CopyTemplate"/>, whose copies write the footers themselves.
    /// </remarks>
    public PageStamper(QpdfDocument pdf, ShapedLine line, string fingerprint, double maxFontSize, PageContent content, FooterClasses? classes = null)
    {
        _classes = classes;
        _pdf = pdf;
        _content = content;
        _line = line;
        _fingerprint = fingerprint;
        _maxFontSize = maxFontSize;
        foreach (var font in line.Fonts)
        {
            _fonts[font.ResourceName] = PdfFontWriter.Write(pdf, font);
        }
        var state = pdf.NewDictionary();
        pdf.Set(state, "/Type", pdf.NewName("/ExtGState"));
        pdf.Set(state, "/ca", pdf.NewReal(0.78));
        _state = pdf.MakeIndirect(state);
    }

    public void Stamp(uint page, int number)
    {
        if (!_pdf.IsDictionary(page))
        {
            // qpdf would silently ignore edits to it and the copy would carry an unstamped "page".
            throw new QpdfException(QpdfErrorCode.Pages, $"page {number} is not a page object");
        }
        var geometry = PageGeometry.Read(_pdf, page);
        var originals = PageContent.Streams(_pdf, page);
        var balance = ContentBalance.Empty;
        if (originals.Count > 0)
        {
            // Readers stop drawing a page at content they cannot decode, and a footer placed after it would
            // never show: such a page is damage to report at upload, not a copy to serve.
            balance = _content.Scan(page, originals, number);
            if (balance.Malformed is { } problem)
            {
                throw new QpdfException(QpdfErrorCode.DamagedPdf, $"the content of page {number} is malformed: {problem}");
            }
        }

        var names = PageResources.Attach(_pdf, page, _fonts, StateName, _state);
        _suffix.ResetWrittenCount();
        if (_classes is null)
        {
            var layout = StampLayout.For(geometry, _line.WidthPerPoint, _maxFontSize);
            StampContent.Suffix(_suffix, balance, originals.Count > 0, geometry, layout, _line, names, names[StateName], _fingerprint);
        }
        else
        {
            _classes.WriteMarker(_suffix, balance, originals.Count > 0, geometry, names, StateName);
        }

        var contents = _pdf.NewArray();
        if (originals.Count > 0)
        {
            _pdf.Append(contents, Prefix(balance.Saves));
            foreach (var stream in originals)
            {
                _pdf.Append(contents, stream);
            }
        }
        _pdf.Append(contents, Suffix(_suffix.WrittenSpan));
        _pdf.Set(page, "/Contents", contents);
    }

    /// <summary>
    /// The footer stream for these operators. Pages of the same size and state get identical footers, so
    /// they share one stream object: a 300-page book gains one footer object, not 300.
    /// </summary>
    private uint Suffix(ReadOnlySpan<byte> content)
    {
        var hash = new HashCode();
        hash.AddBytes(content);
        var key = hash.ToHashCode();
        if (!_suffixes.TryGetValue(key, out var candidates))
        {
            candidates = _suffixes[key] = [];
        }
        foreach (var (known, stream) in candidates)
        {
            if (content.SequenceEqual(known))
            {
                return stream;
            }
        }
        var created = _pdf.MakeIndirect(_pdf.NewStream(content));
        candidates.Add((content.ToArray(), created));
        return created;
    }

    private uint Prefix(int saves)
    {
        if (!_prefixes.TryGetValue(saves, out var prefix))
        {
            prefix = _prefixes[saves] = _pdf.MakeIndirect(_pdf.NewStream(StampContent.Prefix(saves)));
        }
        return prefix;
    }
}
