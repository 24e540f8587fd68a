using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Rebuilds /Pages as one node listing exactly the pages that were stamped. Inherited attributes are
/// already on each page by then, and a damaged tree (a wrong or missing /Count, a dead intermediate
/// node) would otherwise let a reader count different pages than the ones that carry the footer.
/// </summary>
internal static class PageTree
{
    private static readonly string[] Inheritable = ["/Resources", "/MediaBox", "/CropBox", "/Rotate", "/Parent"];

    public static void Flatten(QpdfDocument document, List<uint> pages)
    {
        var tree = document.Get(document.Root, "/Pages");
        if (!document.IsDictionary(tree))
        {
            throw new QpdfException(QpdfErrorCode.Pages, "the document has no page tree");
        }
        var kids = document.NewArray();
        foreach (var page in pages)
        {
            document.Append(kids, page);
            document.Set(page, "/Parent", tree);
        }
        foreach (var key in Inheritable.Where(k => document.Has(tree, k)))
        {
            document.Remove(tree, key);
        }
        document.Set(tree, "/Type", document.NewName("/Pages"));
        document.Set(tree, "/Kids", kids);
        document.Set(tree, "/Count", document.NewInteger(pages.Count));
    }
}
