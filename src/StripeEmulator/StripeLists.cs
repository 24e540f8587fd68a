using System.Globalization;
using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>
/// Stripe's list envelope (<c>object: "list"</c>, <c>data</c>, <c>has_more</c>, <c>url</c>) with its cursor paging:
/// <c>limit</c> (1–100, default 10), <c>starting_after</c> or <c>ending_before</c> an object id, newest first.
/// Both SDKs' auto-paging walks these cursors, so their rules are Stripe's to the letter.
/// </summary>
internal static class StripeLists
{
    private static readonly string[] Paging = ["limit", "starting_after", "ending_before", "expand"];

    /// <param name="newestFirst">Every object the filters let through, newest first.</param>
    /// <param name="filters">Further query parameters this list accepts; anything else is <c>parameter_unknown</c>.</param>
    public static ApiResponse Page(JsonObject query, string url, string kind, IReadOnlyList<JsonObject> newestFirst, params string[] filters)
    {
        var unknown = query.Select(p => p.Key).FirstOrDefault(k => !Paging.Contains(k) && !filters.Contains(k));
        if (unknown is not null)
        {
            return StripeErrors.Unknown(unknown);
        }

        var limit = 10;
        if (SessionRequest.Text(query, "limit") is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
            {
                return StripeErrors.InvalidInteger("limit", limitText);
            }

            if (limit is < 1 or > 100)
            {
                return StripeErrors.Invalid("limit", "This value must be greater than or equal to 1 and less than or equal to 100.");
            }
        }

        var after = SessionRequest.Text(query, "starting_after");
        var before = SessionRequest.Text(query, "ending_before");
        if (after is not null && before is not null)
        {
            return StripeErrors.Invalid("ending_before", "You may only specify one of these parameters: starting_after, ending_before.");
        }

        var cursor = after ?? before;
        var at = cursor is null ? -1 : IndexOf(newestFirst, cursor);
        if (cursor is not null && at < 0)
        {
            return StripeErrors.NoSuch(kind, cursor, after is not null ? "starting_after" : "ending_before");
        }

        // ending_before pages back towards newer objects: the `limit` objects just before the cursor, still newest first.
        var (from, available) = before is not null ? (Math.Max(0, at - limit), at) : (at + 1, newestFirst.Count - at - 1);
        var taken = newestFirst.Skip(from).Take(Math.Min(limit, available)).ToList();
        var hasMore = before is not null ? from > 0 : available > limit;
        return ApiResponse.Ok(List(url, taken, hasMore));
    }

    public static JsonObject List(string url, IEnumerable<JsonObject> data, bool hasMore) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray(data.Select(o => (JsonNode?)o).ToArray()),
        ["has_more"] = hasMore,
        ["url"] = url,
    };

    /// <summary><c>created=T</c> or <c>created[gt|gte|lt|lte]=T</c> (unix seconds), as Stripe's list filters read it.</summary>
    public static bool CreatedMatches(JsonNode? filter, long created)
    {
        if (filter is null)
        {
            return true;
        }

        if (filter is JsonValue exact)
        {
            return long.TryParse(exact.ToString(), out var at) && created == at;
        }

        return filter.AsObject().All(bound => long.TryParse(bound.Value?.ToString(), out var t) && bound.Key switch
        {
            "gt" => created > t,
            "gte" => created >= t,
            "lt" => created < t,
            "lte" => created <= t,
            _ => false,
        });
    }

    private static int IndexOf(IReadOnlyList<JsonObject> items, string id)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if ((string?)items[i]["id"] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
