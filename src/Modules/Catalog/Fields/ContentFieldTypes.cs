using System.Globalization;

namespace Storefront.Catalog.Fields;

/// <summary>
/// The kinds of value a field holds, and how typed text becomes a stored value: numbers and dates in an invariant
/// form, yes/no as <c>true</c>/<c>false</c>, a media item as its key, a choice spelled as the field lists it.
/// </summary>
public static class ContentFieldTypes
{
    public const string Text = "text";
    public const string Markdown = "markdown";
    public const string Number = "number";
    public const string YesNo = "yesno";
    public const string Date = "date";
    public const string Link = "link";
    public const string Media = "media";
    public const string Choice = "choice";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [Text] = "Text", [Markdown] = "Markdown", [Number] = "Number", [YesNo] = "Yes/no", [Date] = "Date",
        [Link] = "Link", [Media] = "Media item", [Choice] = "Choice from a list",
    };

    public const int MaxLength = 2000;

    public const int MaxMarkdownLength = 20_000;

    /// <summary>
    /// The value to store for <paramref name="text"/> (null: none), or false with a message that names the field.
    /// Whether a media item exists is the caller's check: it needs the store.
    /// </summary>
    public static bool TryNormalize(ContentField field, string? text, out string? value, out string? problem)
    {
        value = null;
        problem = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problem = field.Required ? $"Enter {field.Label}: it is required." : null;
            return problem is null;
        }

        var max = field.Type == Markdown ? MaxMarkdownLength : MaxLength;
        if (trimmed.Length > max)
        {
            problem = $"{field.Label} may be at most {max} characters.";
            return false;
        }

        value = field.Type switch
        {
            Number => decimal.TryParse(trimmed, NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number)
                ? number.ToString(CultureInfo.InvariantCulture) : null,
            YesNo => trimmed.ToLowerInvariant() switch { "true" or "yes" => "true", "false" or "no" => "false", _ => null },
            Date => DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            Link => IsLink(trimmed) ? trimmed : null,
            Media => MediaKey(trimmed),
            Choice => field.ChoiceList.FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase)),
            _ => trimmed,
        };
        problem = value is not null ? null : field.Type switch
        {
            Number => $"Enter {field.Label} as a number such as 12 or 3.5.",
            YesNo => $"Choose yes or no for {field.Label}.",
            Date => $"Enter {field.Label} as a date such as 2026-12-31.",
            Link => $"Enter {field.Label} as a full http:// or https:// address, or a path on this site starting with /.",
            Media => $"Enter {field.Label} as the address of a media library item, such as /media/media/ab12/cover.png.",
            _ => $"Choose {field.Label} from the list: {string.Join(", ", field.ChoiceList)}.",
        };
        return value is not null;
    }

    private static bool IsLink(string text) =>
        (text.StartsWith('/') && !text.StartsWith("//", StringComparison.Ordinal) && !text.Contains('\\') && !text.Any(char.IsWhiteSpace))
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0
            && !text.Any(char.IsWhiteSpace));

    /// <summary>The library key in "/media/{key}" or a bare key; null for anything that could leave the media area.</summary>
    private static string? MediaKey(string text)
    {
        var key = Uri.UnescapeDataString(text.StartsWith("/media/", StringComparison.Ordinal) ? text["/media/".Length..] : text);
        return key.Length > 0 && !key.StartsWith('/') && !key.Split('/').Any(part => part is "" or "." or "..") && !key.Contains('\\')
            ? key : null;
    }
}

/// <summary>The schema.org properties a field may fill in a product's JSON-LD; the first group makes the product also a <c>Book</c>.</summary>
public static class SchemaOrgProperties
{
    public static readonly string[] BookProperties = ["author", "isbn", "numberOfPages", "bookEdition", "bookFormat", "illustrator"];

    public static readonly string[] All =
        [.. BookProperties, "encodingFormat", "inLanguage", "datePublished", "publisher", "brand", "gtin", "mpn", "softwareVersion", "color", "material"];

    /// <summary>Properties whose value schema.org expects as a person or organisation rather than text.</summary>
    public static readonly IReadOnlyDictionary<string, string> Things = new Dictionary<string, string>
    {
        ["author"] = "Person", ["illustrator"] = "Person", ["publisher"] = "Organization", ["brand"] = "Brand",
    };
}
