using System.Text.Json;

namespace Storefront.Stamping.Tests.Support;

/// <summary>Reads form fields and annotations through qpdf's own JSON dump, independent of the engine.</summary>
public static class QpdfJson
{
    public static List<string> FieldNames(byte[] pdf)
    {
        using var json = Dump(pdf, "acroform");
        return json.RootElement.GetProperty("acroform").GetProperty("fields").EnumerateArray()
            .Select(f => f.GetProperty("fullname").GetString() ?? "").ToList();
    }

    /// <summary>The /Subtype of every annotation, page by page.</summary>
    public static List<List<string>> Annotations(byte[] pdf)
    {
        using var json = Dump(pdf, "pages", "objects");
        var objects = json.RootElement.GetProperty("objects");
        JsonElement Resolve(JsonElement e) =>
            e.ValueKind == JsonValueKind.String && e.GetString()!.EndsWith(" R", StringComparison.Ordinal)
                ? objects.GetProperty(e.GetString()!)
                : e;
        var result = new List<List<string>>();
        foreach (var page in json.RootElement.GetProperty("pages").EnumerateArray())
        {
            var dict = Resolve(page.GetProperty("object"));
            var subtypes = new List<string>();
            if (dict.TryGetProperty("/Annots", out var annots))
            {
                foreach (var annot in Resolve(annots).EnumerateArray())
                {
                    var a = Resolve(annot);
                    subtypes.Add(a.TryGetProperty("/Subtype", out var s) ? s.GetString() ?? "" : "");
                }
            }
            result.Add(subtypes);
        }
        return result;
    }

    private static JsonDocument Dump(byte[] pdf, params string[] keys)
    {
        using var file = Tools.Temp(pdf);
        // JSON version 1 still offers the "objects" key, which resolves references without a second call.
        var args = new List<string> { "--json=1", "--decode-level=none" };
        args.AddRange(keys.Select(k => "--json-key=" + k));
        args.Add(file.Path);
        var result = Tools.Run("qpdf", [.. args]);
        Assert.True(result.ExitCode is 0 or 3, $"qpdf --json failed: {result.Stderr}");
        return JsonDocument.Parse(result.StdoutBytes);
    }
}
