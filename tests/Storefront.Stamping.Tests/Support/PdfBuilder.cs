using System.Globalization;
using System.Text;

namespace Storefront.Stamping.Tests.Support;

/// <summary>Writes small PDFs with a correct cross-reference table, for the geometry and content-state cases.</summary>
public sealed class PdfBuilder
{
    private readonly List<byte[]> _objects = [];

    /// <summary>Reserves the next object number; fill it with <see cref="Set"/>.</summary>
    public int Reserve()
    {
        _objects.Add([]);
        return _objects.Count;
    }

    public int Add(string body)
    {
        var id = Reserve();
        Set(id, body);
        return id;
    }

    public void Set(int id, string body) => _objects[id - 1] = Encoding.Latin1.GetBytes(body);

    public int AddStream(string content, string extraDict = "")
    {
        var data = Encoding.Latin1.GetBytes(content);
        var id = Reserve();
        var head = Encoding.Latin1.GetBytes($"<< /Length {data.Length} {extraDict} >>\nstream\n");
        _objects[id - 1] = [.. head, .. data, .. "\nendstream"u8];
        return id;
    }

    public byte[] Build(int root)
    {
        using var output = new MemoryStream();
        void Write(string s) => output.Write(Encoding.Latin1.GetBytes(s));
        Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < _objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n");
            output.Write(_objects[i]);
            Write("\nendobj\n");
        }
        var xref = output.Position;
        Write($"xref\n0 {_objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write(offset.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        }
        Write($"trailer\n<< /Size {_objects.Count + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    /// <summary>A document of pages, each given as its content and extra page-dictionary entries.</summary>
    public static byte[] Document(params (string Content, string PageEntries)[] pages) => Document("/MediaBox [0 0 612 792]", pages);

    public static byte[] Document(string pagesNodeEntries, params (string Content, string PageEntries)[] pages)
    {
        var pdf = new PdfBuilder();
        var catalog = pdf.Reserve();
        var tree = pdf.Reserve();
        var font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>");
        var kids = new List<int>();
        foreach (var (content, entries) in pages)
        {
            var stream = pdf.AddStream(content);
            kids.Add(pdf.Add($"<< /Type /Page /Parent {tree} 0 R /Contents {stream} 0 R /Resources << /Font << /F1 {font} 0 R >> >> {entries} >>"));
        }
        pdf.Set(catalog, $"<< /Type /Catalog /Pages {tree} 0 R >>");
        pdf.Set(tree, $"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} {pagesNodeEntries} >>");
        return pdf.Build(catalog);
    }

    /// <summary>A plain page of body text, for tests that need an ordinary master.</summary>
    public static byte[] TextDocument(int pages) =>
        Document(Enumerable.Range(1, pages).Select(i => ($"BT /F1 12 Tf 72 700 Td (Chapter {i}: body text) Tj ET", "")).ToArray());

    /// <summary>One page per image; the images are random bytes qpdf copies without decoding.</summary>
    public static byte[] ImageDocument(int images, int imageBytes)
    {
        var random = new Random(12);
        var pixels = new byte[imageBytes];
        var pdf = new PdfBuilder();
        var catalog = pdf.Reserve();
        var tree = pdf.Reserve();
        var kids = new List<int>();
        for (var i = 0; i < images; i++)
        {
            random.NextBytes(pixels);
            var image = pdf.AddStream(Encoding.Latin1.GetString(pixels), "/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode");
            var content = pdf.AddStream("q 500 0 0 500 56 146 cm /Im0 Do Q");
            kids.Add(pdf.Add($"<< /Type /Page /Parent {tree} 0 R /Contents {content} 0 R /Resources << /XObject << /Im0 {image} 0 R >> >> >>"));
        }
        pdf.Set(catalog, $"<< /Type /Catalog /Pages {tree} 0 R >>");
        pdf.Set(tree, $"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {images} /MediaBox [0 0 612 792] >>");
        return pdf.Build(catalog);
    }
}
