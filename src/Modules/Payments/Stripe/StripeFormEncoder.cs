using System.Collections;
using System.Globalization;
using System.Text;

namespace Storefront.Payments.Stripe;

/// <summary>
/// Stripe's v1 request body: <c>application/x-www-form-urlencoded</c> with nested keys
/// (<c>line_items[0][price_data][currency]=usd</c>, <c>metadata[order_id]=…</c>), arrays by index,
/// booleans as <c>true</c>/<c>false</c>. Nulls are left out; an empty string is sent (it unsets a field).
/// </summary>
public static class StripeFormEncoder
{
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in parameters)
        {
            Append(pairs, key, value);
        }

        return pairs;
    }

    public static string Encode(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in Flatten(parameters))
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            // Brackets stay readable, as the official SDKs send them; both forms decode the same.
            builder.Append(Escape(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }

    private static string Escape(string key) => Uri.EscapeDataString(key).Replace("%5B", "[").Replace("%5D", "]");

    private static void Append(List<KeyValuePair<string, string>> pairs, string key, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                pairs.Add(new(key, text));
                return;
            case bool flag:
                pairs.Add(new(key, flag ? "true" : "false"));
                return;
            case DateTimeOffset moment:
                pairs.Add(new(key, moment.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
                return;
            case IFormattable number:
                pairs.Add(new(key, number.ToString(null, CultureInfo.InvariantCulture)));
                return;
            case IEnumerable<KeyValuePair<string, string>> map:
                foreach (var (name, item) in map)
                {
                    Append(pairs, $"{key}[{name}]", item);
                }

                return;
            case IEnumerable<KeyValuePair<string, object?>> nested:
                foreach (var (name, item) in nested)
                {
                    Append(pairs, $"{key}[{name}]", item);
                }

                return;
            case IEnumerable list:
                var index = 0;
                foreach (var item in list)
                {
                    Append(pairs, $"{key}[{index++}]", item);
                }

                return;
            default:
                throw new ArgumentException($"Stripe parameter '{key}' has a value of type {value.GetType().Name} that has no form encoding.");
        }
    }
}
