using System.Text;
using System.Text.RegularExpressions;
using Storefront.Downloads.Stamping;
using Storefront.Downloads.Stamping.Native;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Storefront.Downloads.Tracing;

/// <summary>Why a suspect file could not be read at all.</summary>
public enum UnreadableReason
{
    NotPdf,
    Encrypted,
    Damaged,
    TooLarge,
    Empty,
}

/// <summary>Everything a suspect copy says about where it came from, before any of it is looked up.</summary>
internal sealed record CopyMarks(
    IReadOnlyList<(string Where, string Value)> Fingerprints,
    IReadOnlyList<string> DocumentIds,
    IReadOnlyList<string> LicenceCodes,
    string PageText,
    int Pages);

internal static partial class CopyMarksReader
{
    // The footer is on every page, so the first pages suffice; text extraction costs far more than reading marks.
    private const int TextPages = 20;

    // Crockford base32 as StampTemplate.LicenceCode writes it; an extractor may put spaces around the hyphen.
    [GeneratedRegex(@"(?<![0-9A-Z])([0-9A-HJKMNP-TV-Z]{4})\s?-\s?([0-9A-HJKMNP-TV-Z]{4})(?![0-9A-Z])")]
    private static partial Regex Code();

    [GeneratedRegex(@"^<?([0-9a-fA-F]{32})>?$")]
    private static partial Regex HexId();

    public static (CopyMarks? Marks, UnreadableReason? Refusal, string? Detail) Read(ReadOnlyMemory<byte> pdf)
    {
        if (pdf.IsEmpty)
        {
            return (null, UnreadableReason.Empty, null);
        }
        if (!PdfSniffer.LooksLikePdf(pdf.Span))
        {
            return (null, UnreadableReason.NotPdf, null);
        }
        try
        {
            using var document = QpdfDocument.Open(pdf, "the file");
            var pages = document.PageCount;
            var fingerprints = Fingerprint.ReadAll(document);
            var ids = DocumentIds(document);
            var text = PageText(pdf, pages);
            var codes = Code().Matches(text).Select(m => m.Groups[1].Value + "-" + m.Groups[2].Value).Distinct().ToList();
            return (new CopyMarks(fingerprints, ids, codes, text, pages), null, null);
        }
        catch (QpdfException e) when (e.Code == QpdfErrorCode.Password)
        {
            return (null, UnreadableReason.Encrypted, null);
        }
        catch (QpdfException e)
        {
            return (null, UnreadableReason.Damaged, e.Message);
        }
    }

    /// <summary>The trailer /ID strings as hex, as qpdf hands them back (raw bytes of a hex or literal string).</summary>
    private static List<string> DocumentIds(QpdfDocument document)
    {
        var ids = new List<string>();
        var array = document.Get(document.Trailer, "/ID");
        if (document.TypeOf(array) != PdfType.Array)
        {
            return ids;
        }
        for (var i = 0; i < document.Count(array); i++)
        {
            if (document.StringBytes(document.Item(array, i)) is { Length: 16 } bytes)
            {
                ids.Add(Convert.ToHexStringLower(bytes));
            }
            else if (document.StringBytes(document.Item(array, i)) is { } other && HexId().Match(Encoding.Latin1.GetString(other)) is { Success: true } hex)
            {
                ids.Add(hex.Groups[1].Value.ToLowerInvariant());
            }
        }
        return ids;
    }

    /// <summary>
    /// The first pages' text through PdfPig, which decodes each font's encoding and ToUnicode map: after Ghostscript
    /// or a print to PDF re-encodes the fonts, the stamp's literal bytes are gone from the content but its text is not.
    /// </summary>
    private static string PageText(ReadOnlyMemory<byte> pdf, int pages)
    {
        var text = new StringBuilder();
        try
        {
            using var document = PdfDocument.Open(pdf.ToArray(), new ParsingOptions { UseLenientParsing = true });
            for (var number = 1; number <= Math.Min(pages, Math.Min(TextPages, document.NumberOfPages)); number++)
            {
                text.AppendLine(ContentOrderTextExtractor.GetText(document.GetPage(number)));
            }
        }
#pragma warning disable CA1031 // A file qpdf reads but the text extractor cannot is still traced by its other marks.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        return text.ToString();
    }
}
