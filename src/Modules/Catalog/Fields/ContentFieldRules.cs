using System.Text.RegularExpressions;

namespace Storefront.Catalog.Fields;

/// <summary>What a field's definition must satisfy, whether typed in the admin or read from a recipe.</summary>
public sealed record FieldDefinition(
    string Kind, string Key, string Label, string? Hint, string Type, bool Required, string? Choices, string? SchemaProperty, string Placement)
{
    public void ApplyTo(ContentField field)
    {
        (field.Label, field.Hint, field.Type, field.Required) = (Label, Hint, Type, Required);
        (field.Choices, field.SchemaProperty, field.Placement) = (Type == ContentFieldTypes.Choice ? Choices : null, SchemaProperty, Placement);
    }
}

public static partial class ContentFieldRules
{
    public const int MaxKeyLength = 40;

    public const int MaxLabelLength = 100;

    public const int MaxHintLength = 300;

    public const int MaxChoices = 100;

    /// <summary>A key is also a name in templates and recipes, so it is a plain identifier.</summary>
    public static bool IsValidKey(string key) => KeyPattern().IsMatch(key);

    /// <summary>
    /// The definition cleaned up (trimmed, empty optional parts as null), or null after reporting each problem by the
    /// name of the definition's part (Key, Label, Hint, Type, Choices, SchemaProperty, Placement).
    /// </summary>
    public static FieldDefinition? Check(FieldDefinition input, Action<string, string> report)
    {
        var ok = true;
        void error(string part, string message)
        {
            ok = false;
            report(part, message);
        }

        var key = input.Key.Trim();
        if (!IsValidKey(key))
        {
            error(nameof(input.Key), $"The key must start with a lower-case letter and hold only lower-case letters, digits and underscores (at most {MaxKeyLength}), such as 'page_count'.");
        }

        var label = input.Label.Trim();
        if (label.Length is 0 or > MaxLabelLength)
        {
            error(nameof(input.Label), $"Enter a label of at most {MaxLabelLength} characters.");
        }

        var hint = string.IsNullOrWhiteSpace(input.Hint) ? null : input.Hint.Trim();
        if (hint is { Length: > MaxHintLength })
        {
            error(nameof(input.Hint), $"The hint may be at most {MaxHintLength} characters.");
        }

        if (!ContentFieldTypes.All.ContainsKey(input.Type))
        {
            error(nameof(input.Type), $"Choose a type: {string.Join(", ", ContentFieldTypes.All.Keys)}.");
        }

        var choices = input.Type == ContentFieldTypes.Choice
            ? string.Join('\n', (input.Choices ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Distinct(StringComparer.OrdinalIgnoreCase))
            : null;
        if (choices is not null && (choices.Length == 0 || choices.Split('\n').Length > MaxChoices || choices.Split('\n').Any(c => c.Length > 200)))
        {
            error(nameof(input.Choices), $"List the choices, one a line: at least one, at most {MaxChoices}, each at most 200 characters.");
        }

        var schema = string.IsNullOrWhiteSpace(input.SchemaProperty) ? null : input.SchemaProperty.Trim();
        if (schema is not null && !SchemaOrgProperties.All.Contains(schema))
        {
            error(nameof(input.SchemaProperty), $"Choose a schema.org property from the list ({string.Join(", ", SchemaOrgProperties.All)}) or none.");
        }

        if (!FieldPlacements.All.Contains(input.Placement))
        {
            error(nameof(input.Placement), $"Choose where the value shows: {string.Join(", ", FieldPlacements.All)}.");
        }

        if (!ContentKinds.All.Contains(input.Kind))
        {
            error(nameof(input.Kind), "Choose whether the field belongs to products or pages.");
        }

        return ok ? input with { Key = key, Label = label, Hint = hint, Choices = choices, SchemaProperty = schema } : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex KeyPattern();
}
