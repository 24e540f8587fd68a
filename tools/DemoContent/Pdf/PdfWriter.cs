using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DemoContent.Pdf;

/// <summary>Document metadata for the Info dictionary. The date is fixed so regenerating gives identical bytes.</summary>
public sealed record PdfInfo(string Title, string Author, string Subject, string Keywords, DateTimeOffset Created);

/// <summary>
/// Writes a PDF 1.4 file by hand: catalog, a flat pages tree, one shared resource dictionary with the
/// four base-14 fonts, uncompressed content streams and a classic cross-reference table. Content
/// stays uncompressed so the committed files diff and byte-compare the same on every machine
/// (Deflate output may change between zlib builds); the books are small enough for that.
/// </summary>
public static class PdfWriter
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static byte[] Write(IReadOnlyList<PageCanvas> pages, PdfInfo info)
    {
        // Object numbers: 1 catalog, 2 pages tree, 3 info, 4 resources, 5–8 fonts, then page/content pairs.
        const int firstPage = 9;
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R /PageMode /UseNone >>",
            PagesTree(pages.Count, firstPage),
            InfoDictionary(info),
            "<< /Font << /F1 5 0 R /F2 6 0 R /F3 7 0 R /F4 8 0 R >> /ProcSet [/PDF /Text] >>",
            Font("Helvetica"),
            Font("Helvetica-Bold"),
            Font("Times-Roman"),
            Font("Courier"),
        };

        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var contentId = firstPage + 2 * i + 1;
            objects.Add($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {N(page.Width)} {N(page.Height)}] /Resources 4 0 R /Contents {contentId} 0 R >>");
            var content = page.Content;
            objects.Add($"<< /Length {Latin1.GetByteCount(content)} >>\nstream\n{content}endstream");
        }

        using var output = new MemoryStream();

        // The second line's high bytes tell transfer tools the file is binary.
        Emit(output, "%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n");
        var offsets = new long[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i] = output.Position;
            Emit(output, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = output.Position;
        var table = new StringBuilder();
        table.Append("xref\n0 ").Append(objects.Count + 1).Append('\n');

        // Each entry is exactly 20 bytes, the trailing space included, as the format requires.
        table.Append("0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        // A stable /ID derived from the content rather than from time or randomness.
        var id = Convert.ToHexString(MD5.HashData(output.ToArray()));
        table.Append("trailer\n<< /Size ").Append(objects.Count + 1)
            .Append(" /Root 1 0 R /Info 3 0 R /ID [<").Append(id).Append("> <").Append(id).Append(">] >>\n")
            .Append("startxref\n").Append(xref).Append("\n%%EOF\n");
        Emit(output, table.ToString());
        return output.ToArray();
    }

    private static string PagesTree(int count, int firstPage)
    {
        var kids = string.Join(' ', Enumerable.Range(0, count).Select(i => $"{firstPage + 2 * i} 0 R"));
        return $"<< /Type /Pages /Kids [{kids}] /Count {count} >>";
    }

    private static string Font(string baseFont) =>
        $"<< /Type /Font /Subtype /Type1 /BaseFont /{baseFont} /Encoding /WinAnsiEncoding >>";

    private static string InfoDictionary(PdfInfo info)
    {
        // Info strings use PDFDocEncoding, which agrees with WinAnsi only on ASCII.
        if (new[] { info.Title, info.Author, info.Subject, info.Keywords }.Any(s => s.Any(c => c > '~')))
        {
            throw new ArgumentException($"Keep the document information of '{info.Title}' in plain ASCII.");
        }

        var date = PdfDate(info.Created);
        return $"<< /Title {WinAnsi.Literal(info.Title)} /Author {WinAnsi.Literal(info.Author)} /Subject {WinAnsi.Literal(info.Subject)}"
            + $" /Keywords {WinAnsi.Literal(info.Keywords)} /Creator (Storefront DemoContent) /Producer (Storefront DemoContent)"
            + $" /CreationDate {date} /ModDate {date} >>";
    }

    private static string PdfDate(DateTimeOffset d) =>
        "(D:" + d.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z)";

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Emit(Stream output, string text) => output.Write(Latin1.GetBytes(text));
}
