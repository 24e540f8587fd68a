using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Fields;

/// <summary>
/// The <c>"fields": { "key": value }</c> object of each item of the <c>products</c> or <c>pages</c> step, read beside
/// the step's own handler and applied after it, so the item exists. An item's object holds all its values: a key left
/// out clears that value; an item without the object keeps what it has. A key that no field of the kind has (in the
/// store or in the recipe's <c>fields</c> step), or an item left without a value for a required field, refuses the recipe.
/// </summary>
internal sealed class FieldValuesRecipeStep(string kind, StorefrontDbContext db, ContentFields fields) : IRecipeStep
{
    public string Name => kind == ContentKinds.Product ? "products" : "pages";

    public async Task ValidateAsync(RecipeStepContext step, CancellationToken cancellationToken) => await ReadAsync(step, cancellationToken);

    public async Task<int> ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var changes = 0;
        foreach (var (slug, values) in await ReadAsync(step, cancellationToken))
        {
            if (await IdAsync(slug, cancellationToken) is not { } itemId)
            {
                continue;
            }

            var all = (await fields.ValuesAsync(itemId, cancellationToken)).Keys.ToDictionary(k => k, string? (_) => null);
            foreach (var (key, value) in values)
            {
                all[key] = value;
            }

            changes += await fields.StageAsync(itemId, all, cancellationToken) ? 1 : 0;
        }

        return changes;
    }

    private async Task<List<(string Slug, Dictionary<string, string?> Values)>> ReadAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var result = new List<(string, Dictionary<string, string?>)>();
        if (!step.Element.TryGetProperty(Name, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        var known = await KnownAsync(step, cancellationToken);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var at = $"{Name}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("slug", out var slug) || slug.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            if (!item.TryGetProperty("fields", out var object_))
            {
                // Without the object an item keeps the values it has: a new item has none.
                RequireAll(step, at, slug.GetString()!, known, await StoredAsync(slug.GetString()!, cancellationToken));
                continue;
            }

            if (object_.ValueKind != JsonValueKind.Object)
            {
                step.Error(at + ".fields", "must be an object of field keys and values");
                continue;
            }

            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in object_.EnumerateObject())
            {
                if (!known.TryGetValue(property.Name, out var field))
                {
                    step.Error($"{at}.fields.{property.Name}", $"unknown {kind} field '{property.Name}': define it in the 'fields' step or at /admin/fields"
                        + (known.Count == 0 ? "" : $" (known: {string.Join(", ", known.Keys.Order())})"));
                    continue;
                }

                var text = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (text is null && property.Value.ValueKind != JsonValueKind.Null)
                {
                    step.Error($"{at}.fields.{property.Name}", "must be a string, number, true, false or null");
                }
                else if (field.Required && string.IsNullOrWhiteSpace(text))
                {
                    // Left for RequireAll, which names the item.
                }
                else if (ContentFieldTypes.TryNormalize(field, text, out var value, out var problem))
                {
                    values[property.Name] = value;
                }
                else
                {
                    step.Error($"{at}.fields.{property.Name}", problem!);
                }
            }

            RequireAll(step, at, slug.GetString()!, known, values.Where(v => v.Value is not null).Select(v => v.Key));
            result.Add((slug.GetString()!, values));
        }

        return result;
    }

    /// <summary>Refuses an item that would be left without a value for a required field, as the editor's form does.</summary>
    private void RequireAll(RecipeStepContext step, string at, string slug, Dictionary<string, ContentField> known, IEnumerable<string> filled)
    {
        var keys = filled.ToHashSet(StringComparer.Ordinal);
        foreach (var field in known.Values.Where(f => f.Required && f.RemovedAt is null && !keys.Contains(f.Key)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            step.Error($"{at}.fields.{field.Key}", $"{kind} '{slug}' has no value for the required field {field.Label} ('{field.Key}'): give it one in its 'fields' object");
        }
    }

    /// <summary>The keys the stored item of that slug holds values for; none for an item the store does not have yet.</summary>
    private async Task<IEnumerable<string>> StoredAsync(string slug, CancellationToken cancellationToken)
    {
        return await IdAsync(slug, cancellationToken) is { } itemId ? (await fields.ValuesAsync(itemId, cancellationToken)).Keys : [];
    }

    private async Task<Guid?> IdAsync(string slug, CancellationToken cancellationToken) => kind == ContentKinds.Product
        ? await db.Set<Product>().Where(p => p.Slug == slug).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken)
        : await db.Set<ContentPage>().Where(p => p.Slug == slug).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The kind's fields, removed ones included, with the recipe's own definitions winning over the stored ones.</summary>
    private async Task<Dictionary<string, ContentField>> KnownAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var known = (await fields.DefinitionsAsync(kind, cancellationToken, withRemoved: true)).ToDictionary(f => f.Key, StringComparer.Ordinal);
        var steps = step.Recipe.ValueKind == JsonValueKind.Object && step.Recipe.TryGetProperty("steps", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray() : default;
        foreach (var fieldsStep in steps.Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("name", out var n) && n.ValueEquals("fields")))
        {
            var context = new RecipeStepContext(0, "fields", fieldsStep, step.RecipeDirectory, [], 0);
            foreach (var item in FieldsRecipeStep.Read(context, report: false).Where(i => i.Definition.Kind == kind))
            {
                var field = new ContentField { Kind = kind, Key = item.Definition.Key, Label = "", Type = "", CreatedAt = default };
                item.Definition.ApplyTo(field);
                field.RemovedAt = item.Removed ? DateTime.UnixEpoch : null;
                known[field.Key] = field;
            }
        }

        return known;
    }
}
