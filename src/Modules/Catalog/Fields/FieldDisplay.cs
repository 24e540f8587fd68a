using System.Globalization;
using System.Net;
using Storefront.Catalog.Services;
using Storefront.Core.Content;
using Storefront.Core.Display;

namespace Storefront.Catalog.Fields;

/// <summary>Turns an item's stored values into what its page shows.</summary>
public sealed class FieldDisplays(ContentFields fields, MarkdownRenderer markdown, IImageLibrary images)
{
    public async Task<IReadOnlyList<FieldDisplay>> ForAsync(string kind, Guid itemId, CancellationToken cancellationToken)
    {
        var values = await fields.ValuesAsync(itemId, cancellationToken);
        var filled = (await fields.DefinitionsAsync(kind, cancellationToken)).Where(f => values.ContainsKey(f.Key)).ToList();
        var mediaKeys = filled.Where(f => f.Type == ContentFieldTypes.Media).Select(f => values[f.Key]).ToList();
        var alts = mediaKeys.Count == 0 ? new Dictionary<string, string>() : await images.AltTextsAsync(mediaKeys, cancellationToken);
        return [.. filled.Select(f => new FieldDisplay(f.Key, f.Label, f.Type, f.Placement, f.SchemaProperty, values[f.Key],
            Html(f, values[f.Key], alts.GetValueOrDefault(values[f.Key]))))];
    }

    private string Html(ContentField field, string value, string? altText)
    {
        var text = WebUtility.HtmlEncode(value);
        return field.Type switch
        {
            ContentFieldTypes.Markdown => markdown.ToHtml(value),
            ContentFieldTypes.YesNo => value == "true" ? "Yes" : "No",
            ContentFieldTypes.Date => WebUtility.HtmlEncode(DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                .ToString("d MMMM yyyy", CultureInfo.InvariantCulture)),
            ContentFieldTypes.Link => $"<a href=\"{text}\" rel=\"nofollow noopener\">{text}</a>",
            ContentFieldTypes.Media when altText is not null => $"<img src=\"{WebUtility.HtmlEncode(MediaUrl.For(value))}\" alt=\"{WebUtility.HtmlEncode(altText)}\" loading=\"lazy\" />",
            ContentFieldTypes.Media => $"<a href=\"{WebUtility.HtmlEncode(MediaUrl.For(value))}\">{WebUtility.HtmlEncode(value.Split('/')[^1])}</a>",
            _ => text,
        };
    }
}

/// <summary>The model of the <c>_ContentFieldInputs</c> partial: the kind, the item (null while new) and what the editor posted.</summary>
public sealed record FieldInputs(string Kind, Guid? ItemId, IReadOnlyDictionary<string, string?> Posted);
