namespace Storefront.Tests.Infrastructure;

/// <summary>
/// A valid PDF of full-page grey images (raw samples, no filter) written as it is read, with its
/// cross-reference table computed on the way: a master of any size without a file or a buffer.
/// </summary>
public sealed class GeneratedPdf(int pages, int width, int height, string draw = GeneratedPdf.FullPageImage)
{
    /// <summary>Page content that draws the page's image over the whole page.</summary>
    public const string FullPageImage = "q 595 0 0 842 0 0 cm /Im0 Do Q";

    private readonly long _imageLength = (long)width * height;

    public long Length => Parts().Sum(p => p.Length);

    public Stream Open() => new PartStream(Parts());

    private IEnumerable<Part> Parts()
    {
        var offsets = new List<long>();
        long at = 0;
        Part Text(string text)
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(text);
            at += bytes.Length;
            return new Part(bytes, 0);
        }
        Part Object(string body)
        {
            offsets.Add(at);
            return Text($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        yield return Text("%PDF-1.7\n");
        // Objects: 1 catalog, 2 page tree, then per page: page, content, image.
        yield return Object("<< /Type /Catalog /Pages 2 0 R >>");
        var kids = string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{3 + (3 * i)} 0 R"));
        yield return Object($"<< /Type /Pages /Count {pages} /Kids [{kids}] >>");
        for (var i = 0; i < pages; i++)
        {
            var page = 3 + (3 * i);
            yield return Object($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {page + 1} 0 R /Resources << /XObject << /Im0 {page + 2} 0 R >> >> >>");
            yield return Object($"<< /Length {draw.Length} >>\nstream\n{draw}\nendstream");
            offsets.Add(at);
            yield return Text($"{offsets.Count} 0 obj\n<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {_imageLength} >>\nstream\n");
            at += _imageLength;
            yield return new Part(null, _imageLength);
            yield return Text("\nendstream\nendobj\n");
        }
        var xref = at;
        var table = new System.Text.StringBuilder($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }
        yield return Text($"{table}trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
    }

    /// <summary>Literal bytes, or <see cref="Length"/> generated sample bytes when <see cref="Bytes"/> is null.</summary>
    private sealed record Part(byte[]? Bytes, long Length)
    {
        public long Length { get; } = Bytes?.Length ?? Length;
    }

    private sealed class PartStream(IEnumerable<Part> parts) : ForwardOnlyStream
    {
        private readonly IEnumerator<Part> _parts = parts.GetEnumerator();
        private Part? _current;
        private long _offset;

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_current is null || _offset == _current.Length)
            {
                if (!_parts.MoveNext())
                {
                    return 0;
                }
                _current = _parts.Current;
                _offset = 0;
            }
            var n = (int)Math.Min(count, _current.Length - _offset);
            if (_current.Bytes is { } bytes)
            {
                bytes.AsSpan((int)_offset, n).CopyTo(buffer.AsSpan(offset));
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    buffer[offset + i] = (byte)((_offset + i) * 7 >> 4);
                }
            }
            _offset += n;
            return n;
        }
    }
}
