using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Fields;

/// <summary>The <c>fields</c> step, removed fields included: before the products and pages whose values name them.</summary>
internal sealed class FieldsExportStep(StorefrontDbContext db) : IRecipeExportStep
{
    public string Name => "fields";

    public int Order => 250;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        foreach (var field in await db.Set<ContentField>().AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Position).ThenBy(f => f.Key).ToListAsync(cancellationToken))
        {
            var item = new JsonObject
            {
                ["kind"] = field.Kind, ["key"] = field.Key, ["label"] = field.Label, ["type"] = field.Type, ["required"] = field.Required,
                ["order"] = field.Position, ["placement"] = field.Placement,
            };
            (item["hint"], item["schema"]) = (field.Hint, field.SchemaProperty);
            if (field.Type == ContentFieldTypes.Choice)
            {
                item["choices"] = new JsonArray([.. field.ChoiceList.Select(c => (JsonNode)c)]);
            }

            if (field.RemovedAt is not null)
            {
                item["removed"] = true;
            }

            export.AddItem(Name, item);
        }
    }
}

/// <summary>
/// Adds each item's values, removed fields' included, as <c>"fields": { … }</c> to the items the <c>products</c> or
/// <c>pages</c> step already wrote (it runs just after that step).
/// </summary>
internal sealed class FieldValuesExportStep(string kind, StorefrontDbContext db) : IRecipeExportStep
{
    public string Name => kind == ContentKinds.Product ? "products" : "pages";

    public int Order => kind == ContentKinds.Product ? 301 : 401;

    public async Task ExportAsync(RecipeExport export, CancellationToken cancellationToken)
    {
        if (export.ItemCount(Name) == 0 || export.Step(Name)[Name] is not JsonArray items)
        {
            return;
        }

        var types = await db.Set<ContentField>().AsNoTracking().Where(f => f.Kind == kind).ToDictionaryAsync(f => f.Key, f => f.Type, cancellationToken);
        var slugs = kind == ContentKinds.Product
            ? await db.Set<Product>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug, cancellationToken)
            : await db.Set<ContentPage>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug, cancellationToken);
        var values = (await db.Set<ContentFieldValue>().AsNoTracking().OrderBy(v => v.FieldKey).ToListAsync(cancellationToken))
            .Where(v => slugs.ContainsKey(v.ItemId) && types.ContainsKey(v.FieldKey))
            .GroupBy(v => slugs[v.ItemId]).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var item in items.OfType<JsonObject>())
        {
            if (values.GetValueOrDefault((string?)item["slug"] ?? "") is { } itemValues)
            {
                item["fields"] = new JsonObject(itemValues.Select(v => KeyValuePair.Create(v.FieldKey, (JsonNode?)Node(export, types[v.FieldKey], v.Value))));
            }
        }
    }

    private static JsonNode Node(RecipeExport export, string type, string value) => type switch
    {
        ContentFieldTypes.YesNo => JsonValue.Create(value == "true"),
        ContentFieldTypes.Markdown => JsonValue.Create(export.Relink(value)),
        // The media step may give an image another key on import; the relinked address follows it.
        ContentFieldTypes.Media => JsonValue.Create(export.Relink(MediaUrl.For(value))),
        _ => JsonValue.Create(value),
    };
}
