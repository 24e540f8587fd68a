using System.Text;
using System.Text.RegularExpressions;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// The invisible per-purchase mark. It is written three times so that it survives the usual ways a
/// leaked copy is laundered: in the Info dictionary, in the XMP packet, and in every page's content
/// (the footer's marked-content properties), which survives metadata stripping and page extraction.
/// </summary>
internal static partial class Fingerprint
{
    private const string InfoKey = "/SFID";
    private const string XmpNamespace = "https://storefront.invalid/ns/stamp/1.0/";

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,128}$")]
    internal static partial Regex Valid();

    [GeneratedRegex(@"/SFID\s*\(([A-Za-z0-9._\-]{1,128})\)")]
    private static partial Regex InContent();

    [GeneratedRegex(@"<sfstamp:fingerprint>([A-Za-z0-9._\-]{1,128})</sfstamp:fingerprint>")]
    private static partial Regex InXmp();

    /// <summary>
    /// Writes the mark. With <paramref name="ownInfo"/> the Info dictionary becomes a new object (a copy of the master's
    /// entries): qpdf writes new objects outside object streams, where a copy template can rewrite it per buyer.
    /// </summary>
    public static void Write(QpdfDocument pdf, string fingerprint, bool ownInfo = false)
    {
        var trailer = pdf.Trailer;
        var info = pdf.Get(trailer, "/Info");
        if (ownInfo)
        {
            var fresh = pdf.NewDictionary();
            if (pdf.IsDictionary(info))
            {
                foreach (var key in pdf.Keys(info))
                {
                    pdf.Set(fresh, key, pdf.Get(info, key));
                }
            }
            info = pdf.MakeIndirect(fresh);
            pdf.Set(trailer, "/Info", info);
        }
        else if (!pdf.IsDictionary(info))
        {
            info = pdf.MakeIndirect(pdf.NewDictionary());
            pdf.Set(trailer, "/Info", info);
        }
        pdf.Set(info, InfoKey, pdf.NewString(Encoding.ASCII.GetBytes(fingerprint)));
        WriteXmp(pdf, fingerprint);
    }

    public static string? Read(QpdfDocument pdf)
    {
        var info = pdf.Get(pdf.Trailer, "/Info");
        if (pdf.IsDictionary(info) && pdf.StringBytes(pdf.Get(info, InfoKey)) is { } bytes)
        {
            var value = Encoding.ASCII.GetString(bytes);
            if (Valid().IsMatch(value))
            {
                return value;
            }
        }
        var metadata = pdf.Get(pdf.Root, "/Metadata");
        if (pdf.TypeOf(metadata) == PdfType.Stream && pdf.StreamData(metadata) is { } xmp
            && Last(InXmp(), Encoding.UTF8.GetString(xmp)) is { } inXmp)
        {
            return inXmp;
        }
        for (var i = 0; i < pdf.PageCount; i++)
        {
            if (pdf.ReadPageContent(pdf.Page(i), static content => Encoding.Latin1.GetString(content)) is { } content && Last(InContent(), content) is { } inPage)
            {
                return inPage;
            }
        }
        return null;
    }

    /// <summary>
    /// Every mark the copy carries, with where it was found, for tracing a leak: a laundered copy may have lost some
    /// of them, and marks that disagree must be seen rather than resolved by taking the first.
    /// </summary>
    public static IReadOnlyList<(string Where, string Value)> ReadAll(QpdfDocument pdf)
    {
        var found = new List<(string, string)>();
        var info = pdf.Get(pdf.Trailer, "/Info");
        if (pdf.IsDictionary(info) && pdf.StringBytes(pdf.Get(info, InfoKey)) is { } bytes && Encoding.ASCII.GetString(bytes) is var value
            && Valid().IsMatch(value))
        {
            found.Add(("document information", value));
        }
        var metadata = pdf.Get(pdf.Root, "/Metadata");
        if (pdf.TypeOf(metadata) == PdfType.Stream && pdf.StreamData(metadata) is { } xmp)
        {
            found.AddRange(InXmp().Matches(Encoding.UTF8.GetString(xmp)).Select(m => ("XMP metadata", m.Groups[1].Value)));
        }
        for (var i = 0; i < pdf.PageCount; i++)
        {
            var marks = pdf.ReadPageContent(pdf.Page(i), static content => InContent().Matches(Encoding.Latin1.GetString(content))
                .Select(m => m.Groups[1].Value).ToList()) ?? [];
            found.AddRange(marks.Distinct(StringComparer.Ordinal).Select(mark => ($"page {i + 1} content", mark)));
        }
        return found;
    }

    // A copy stamped twice carries both marks; the newest is written last.
    private static string? Last(Regex pattern, string text) =>
        pattern.Matches(text) is { Count: > 0 } matches ? matches[^1].Groups[1].Value : null;

    private static void WriteXmp(QpdfDocument pdf, string fingerprint)
    {
        var description =
            $"<rdf:Description rdf:about=\"\" xmlns:sfstamp=\"{XmpNamespace}\"><sfstamp:fingerprint>{fingerprint}</sfstamp:fingerprint></rdf:Description>";
        var root = pdf.Root;
        var metadata = pdf.Get(root, "/Metadata");
        if (pdf.TypeOf(metadata) == PdfType.Stream && pdf.StreamData(metadata) is { } existing)
        {
            var text = Encoding.UTF8.GetString(existing);
            var end = text.LastIndexOf("</rdf:RDF>", StringComparison.Ordinal);
            if (end >= 0)
            {
                // Appending a description keeps the master's own title, author and PDF/A claims intact.
                pdf.ReplaceStreamData(metadata, Encoding.UTF8.GetBytes(text.Insert(end, description)));
                return;
            }
        }
        var packet =
            "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
            description + "</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
        var stream = pdf.NewStream(Encoding.UTF8.GetBytes(packet));
        var dict = pdf.StreamDictionary(stream);
        pdf.Set(dict, "/Type", pdf.NewName("/Metadata"));
        pdf.Set(dict, "/Subtype", pdf.NewName("/XML"));
        pdf.Set(root, "/Metadata", pdf.MakeIndirect(stream));
    }
}
