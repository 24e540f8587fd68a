using System.Globalization;
using Storefront.Catalog.Services;
using Storefront.Core.Display;

namespace Storefront.Catalog.Fields;

/// <summary>Puts fields mapped to a schema.org property into a product's JSON-LD.</summary>
public static class FieldJsonLd
{
    public static void AddTo(IDictionary<string, object?> product, IReadOnlyList<FieldDisplay> fields, string origin, MarkdownRenderer markdown)
    {
        var mapped = fields.Where(f => f.SchemaProperty is not null).ToList();
        foreach (var field in mapped)
        {
            product[field.SchemaProperty!] = Value(field, origin, markdown);
        }

        // Book properties are not Product properties: schema.org lets an item carry both types.
        if (mapped.Any(f => SchemaOrgProperties.BookProperties.Contains(f.SchemaProperty)))
        {
            product["@type"] = new[] { "Product", "Book" };
        }
    }

    private static object Value(FieldDisplay field, string origin, MarkdownRenderer markdown)
    {
        if (SchemaOrgProperties.Things.TryGetValue(field.SchemaProperty!, out var type))
        {
            return new Dictionary<string, object> { ["@type"] = type, ["name"] = field.Value };
        }

        return field.Type switch
        {
            ContentFieldTypes.Number when field.SchemaProperty == "numberOfPages" && int.TryParse(field.Value, CultureInfo.InvariantCulture, out var pages) => pages,
            ContentFieldTypes.Number => decimal.Parse(field.Value, CultureInfo.InvariantCulture),
            ContentFieldTypes.YesNo => field.Value == "true",
            ContentFieldTypes.Markdown => markdown.ToPlainText(field.Value, 5000),
            ContentFieldTypes.Link or ContentFieldTypes.Media when !field.Value.StartsWith("http", StringComparison.Ordinal) =>
                origin.TrimEnd('/') + (field.Type == ContentFieldTypes.Media ? Storefront.Core.Content.MediaUrl.For(field.Value) : field.Value),
            _ => field.Value,
        };
    }
}
