using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>
/// A decoded Stripe v1 request: form pairs (<c>a[b][0][c]=v</c>, <c>list[]=x</c>) folded into a tree of
/// objects, arrays (objects whose keys are all indexes) and string leaves, as Stripe's API reads them.
/// </summary>
internal sealed class FormParameters
{
    private FormParameters(IReadOnlyList<KeyValuePair<string, string>> pairs, JsonObject root)
    {
        Pairs = pairs;
        Root = root;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Pairs { get; }

    public JsonObject Root { get; }

    /// <summary>The parameters in an order-free form, to compare an idempotent retry with the original request.</summary>
    public string Fingerprint => string.Join("&", Pairs.Select(p => p.Key + "=" + p.Value).Order(StringComparer.Ordinal));

    public static FormParameters Parse(string encoded)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            var key = Decode(equals < 0 ? part : part[..equals]);
            var value = equals < 0 ? "" : Decode(part[(equals + 1)..]);
            pairs.Add(new(key, value));
        }

        var tree = new Dictionary<string, object>();
        foreach (var (key, value) in pairs)
        {
            Insert(tree, Segments(key), value);
        }

        return new FormParameters(pairs, (JsonObject)ToNode(tree));
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static List<string> Segments(string key)
    {
        var open = key.IndexOf('[');
        if (open < 0)
        {
            return [key];
        }

        var segments = new List<string> { key[..open] };
        foreach (var piece in key[open..].Split('[', StringSplitOptions.RemoveEmptyEntries))
        {
            segments.Add(piece.TrimEnd(']'));
        }

        if (key.EndsWith("[]", StringComparison.Ordinal))
        {
            segments.Add("");
        }

        return segments;
    }

    private static void Insert(Dictionary<string, object> node, List<string> segments, string value)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            // "list[]" appends: the next free index.
            var name = segments[i].Length == 0 ? node.Count.ToString() : segments[i];
            if (i == segments.Count - 1)
            {
                node[name] = value;
                return;
            }

            if (!node.TryGetValue(name, out var child) || child is not Dictionary<string, object> inner)
            {
                inner = new Dictionary<string, object>();
                node[name] = inner;
            }

            node = inner;
        }
    }

    private static JsonNode ToNode(object value)
    {
        if (value is string text)
        {
            return JsonValue.Create(text);
        }

        var map = (Dictionary<string, object>)value;
        if (map.Count > 0 && map.Keys.All(k => int.TryParse(k, out var n) && n >= 0))
        {
            var array = new JsonArray();
            foreach (var (_, item) in map.OrderBy(p => int.Parse(p.Key)))
            {
                array.Add(ToNode(item));
            }

            return array;
        }

        var result = new JsonObject();
        foreach (var (key, item) in map)
        {
            result[key] = ToNode(item);
        }

        return result;
    }
}
