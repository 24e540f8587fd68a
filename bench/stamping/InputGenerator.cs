using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Storefront.Bench.Stamping;

/// <summary>
/// Writes the generated inputs: a 200-page text book, a ~50 MB and a ~10 MB image-heavy file (noise pixels in
/// Flate-compressed image streams: incompressible and already compressed, as photographs in real PDFs
/// are, so no tool gets to skip or redo compression), and the one-page stamp the qpdf CLI overlays.
/// Deterministic, so every run measures the same bytes.
/// </summary>
internal static class InputGenerator
{
    public static void Generate(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "book-200-pages.pdf"), Book(200));
        File.WriteAllBytes(Path.Combine(directory, "images-50mb.pdf"), Images(30, 724));
        // 40 pages of 290×290 noise: ~10 MB, the size of a photo-illustrated booklet.
        File.WriteAllBytes(Path.Combine(directory, "images-10mb.pdf"), Images(40, 290));
        File.WriteAllBytes(Path.Combine(directory, "overlay-stamp.pdf"), Overlay());
    }

    internal static byte[] Book(int pages)
    {
        var pdf = new Writer();
        var font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>");
        var words = "the of and stamping engine reads every page writes a copy for each buyer in memory quickly while readers keep forms links and outlines working".Split(' ');
        var random = new Random(200);
        return pdf.Pages(pages, (page, _) =>
        {
            var text = new StringBuilder("BT /F1 11 Tf 13 TL 72 740 Td\n");
            text.Append(CultureInfo.InvariantCulture, $"/F1 16 Tf (Chapter {page + 1}) Tj T* T* /F1 11 Tf\n");
            for (var line = 0; line < 48; line++)
            {
                var sentence = string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)]));
                text.Append('(').Append(sentence).Append(") Tj T*\n");
            }
            text.Append("ET");
            return ($"<< /Font << /F1 {font} 0 R >> >>", pdf.Stream(Deflate(Encoding.ASCII.GetBytes(text.ToString())), "/Filter /FlateDecode"));
        });
    }

    private static byte[] Images(int pages, int side)
    {
        var pdf = new Writer();
        var random = new Random(50);
        return pdf.Pages(pages, (page, _) =>
        {
            var pixels = new byte[side * side * 3];
            random.NextBytes(pixels);
            var image = pdf.Stream(Deflate(pixels, CompressionLevel.Fastest),
                $"/Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode");
            var content = pdf.Stream(Encoding.ASCII.GetBytes("q 540 0 0 540 36 126 cm /Im0 Do Q"), "");
            return ($"<< /XObject << /Im0 {image} 0 R >> >>", content);
        });
    }

    private static byte[] Overlay()
    {
        var pdf = new Writer();
        var font = pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        return pdf.Pages(1, (_, _) => ($"<< /Font << /F1 {font} 0 R >> >>",
            pdf.Stream(Encoding.Latin1.GetBytes("BT /F1 7.5 Tf 0.12 g 150 12 Td (Licensed to Priya Sharma \\267 priya@example.com \\267 Order 1042 \\267 Do not distribute) Tj ET"), "")));
    }

    private static byte[] Deflate(byte[] data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, level, leaveOpen: true))
        {
            z.Write(data);
        }
        return output.ToArray();
    }

    private sealed class Writer
    {
        private readonly List<byte[]> _objects = [];

        public int Add(string body) => Add(Encoding.ASCII.GetBytes(body));

        public int Stream(byte[] data, string dict) =>
            Add([.. Encoding.ASCII.GetBytes($"<< /Length {data.Length} {dict} >>\nstream\n"), .. data, .. "\nendstream"u8]);

        public byte[] Pages(int count, Func<int, int, (string Resources, int Content)> page)
        {
            var catalog = Add("");
            var tree = Add("");
            var kids = new List<int>();
            for (var i = 0; i < count; i++)
            {
                var (resources, content) = page(i, tree);
                kids.Add(Add($"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 612 792] /Resources {resources} /Contents {content} 0 R >>"));
            }
            _objects[catalog - 1] = Encoding.ASCII.GetBytes($"<< /Type /Catalog /Pages {tree} 0 R >>");
            _objects[tree - 1] = Encoding.ASCII.GetBytes($"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {count} >>");
            using var output = new MemoryStream();
            output.Write("%PDF-1.7\n%\u00e2\u00e3\n"u8);
            var offsets = new List<long>();
            for (var i = 0; i < _objects.Count; i++)
            {
                offsets.Add(output.Position);
                output.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n"));
                output.Write(_objects[i]);
                output.Write("\nendobj\n"u8);
            }
            var xref = output.Position;
            var table = new StringBuilder($"xref\n0 {_objects.Count + 1}\n0000000000 65535 f \n");
            foreach (var offset in offsets)
            {
                table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
            }
            table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_objects.Count + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            output.Write(Encoding.ASCII.GetBytes(table.ToString()));
            return output.ToArray();
        }

        private int Add(byte[] body)
        {
            _objects.Add(body);
            return _objects.Count;
        }
    }
}
