using Storefront.Downloads.Stamping.Native;

namespace Storefront.Downloads.Stamping;

/// <summary>
/// Gives a page its own copy of /Resources with the stamp's fonts and graphics state added. Pages often
/// share one resources dictionary (directly or through the page tree), so it is copied, never edited in
/// place; a name the page already uses for something else is never overwritten.
/// </summary>
internal static class PageResources
{
    public static Dictionary<string, string> Attach(QpdfDocument pdf, uint page, IReadOnlyDictionary<string, uint> fonts, string stateName, uint state)
    {
        var old = pdf.Get(page, "/Resources");
        var resources = CopyOf(pdf, pdf.IsDictionary(old) ? old : 0);
        var names = new Dictionary<string, string>();

        var fontDict = CopyOf(pdf, SubDictionary(pdf, old, "/Font"));
        foreach (var (wanted, font) in fonts)
        {
            var name = FreeName(pdf, fontDict, wanted);
            pdf.Set(fontDict, "/" + name, font);
            names[wanted] = name;
        }
        pdf.Set(resources, "/Font", fontDict);

        var states = CopyOf(pdf, SubDictionary(pdf, old, "/ExtGState"));
        var stateKey = FreeName(pdf, states, stateName);
        pdf.Set(states, "/" + stateKey, state);
        pdf.Set(resources, "/ExtGState", states);
        names[stateName] = stateKey;

        pdf.Set(page, "/Resources", resources);
        return names;
    }

    private static uint SubDictionary(QpdfDocument pdf, uint resources, string key)
    {
        if (!pdf.IsDictionary(resources))
        {
            return 0;
        }
        var sub = pdf.Get(resources, key);
        return pdf.IsDictionary(sub) ? sub : 0;
    }

    private static uint CopyOf(QpdfDocument pdf, uint source)
    {
        var copy = pdf.NewDictionary();
        if (source != 0)
        {
            foreach (var key in pdf.Keys(source))
            {
                pdf.Set(copy, key, pdf.Get(source, key));
            }
        }
        return copy;
    }

    private static string FreeName(QpdfDocument pdf, uint dict, string wanted)
    {
        var name = wanted;
        for (var i = 1; pdf.Has(dict, "/" + name); i++)
        {
            name = wanted + "_" + i;
        }
        return name;
    }
}
