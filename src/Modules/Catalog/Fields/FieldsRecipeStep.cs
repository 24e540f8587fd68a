using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Recipes;

namespace Storefront.Catalog.Fields;

/// <summary>
/// <c>{ "name": "fields", "fields": [ { "kind": "product", "key", "label", "hint", "type", "required", "order",
/// "choices": [ … ], "schema", "placement", "removed" } ] }</c>. Fields are matched by kind and key, so importing the
/// same recipe again changes nothing; <c>"removed": true</c> keeps a removed field (and its values) removed.
/// </summary>
internal sealed class FieldsRecipeStep(StorefrontDbContext db, TimeProvider clock) : ItemsRecipeStep<FieldsRecipeStep.FieldItem>
{
    public override string Name => "fields";

    protected override async Task<bool> ApplyAsync(FieldItem item, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var definition = item.Definition;
        var field = await db.Set<ContentField>().FirstOrDefaultAsync(f => f.Kind == definition.Kind && f.Key == definition.Key, cancellationToken)
            ?? db.Add(new ContentField { Kind = definition.Kind, Key = definition.Key, Label = definition.Label, Type = definition.Type, CreatedAt = now }).Entity;
        definition.ApplyTo(field);
        field.Position = item.Order;
        field.RemovedAt = item.Removed ? field.RemovedAt ?? now : null;
        return Changed(db, field);
    }

    protected override List<FieldItem> Read(RecipeStepContext step) => Read(step, report: true);

    /// <summary>The step's fields; the values steps read them too, without reporting problems twice.</summary>
    public static List<FieldItem> Read(RecipeStepContext step, bool report)
    {
        var seen = new HashSet<(string, string)>();
        var items = new List<FieldItem>();
        if (!step.Element.TryGetProperty("fields", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            if (report)
            {
                step.Error("fields", "is required and must be an array of fields");
            }

            return items;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var at = $"fields[{index}]";
            if (element.ValueKind == JsonValueKind.Object && ReadOne(element, at, index, report ? step.Error : (_, _) => { }) is { } item)
            {
                if (seen.Add((item.Definition.Kind, item.Definition.Key)))
                {
                    items.Add(item);
                }
                else if (report)
                {
                    step.Error(at + ".key", $"duplicate key '{item.Definition.Key}': each {item.Definition.Kind} field needs its own");
                }
            }
            else if (report && element.ValueKind != JsonValueKind.Object)
            {
                step.Error(at, "must be an object");
            }

            index++;
        }

        return items;
    }

    private static FieldItem? ReadOne(JsonElement element, string at, int index, Action<string, string> error)
    {
        string Text(string name, string fallback = "") =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : fallback;
        bool Flag(string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
        var choices = element.TryGetProperty("choices", out var list) && list.ValueKind == JsonValueKind.Array
            ? string.Join('\n', list.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()))
            : null;
        var order = element.TryGetProperty("order", out var o) && o.ValueKind == JsonValueKind.Number && o.TryGetInt32(out var n) ? n : index;
        var parts = new Dictionary<string, string>
        {
            ["Kind"] = "kind", ["Key"] = "key", ["Label"] = "label", ["Hint"] = "hint", ["Type"] = "type", ["Choices"] = "choices",
            ["SchemaProperty"] = "schema", ["Placement"] = "placement",
        };
        var definition = ContentFieldRules.Check(
            new FieldDefinition(Text("kind", ContentKinds.Product), Text("key"), Text("label"), Text("hint"), Text("type", ContentFieldTypes.Text),
                Flag("required"), choices, Text("schema"), Text("placement", FieldPlacements.Details)),
            (part, message) => error($"{at}.{parts[part]}", message));
        return definition is null ? null : new FieldItem(definition, order, Flag("removed"));
    }

    internal sealed record FieldItem(FieldDefinition Definition, int Order, bool Removed);
}
