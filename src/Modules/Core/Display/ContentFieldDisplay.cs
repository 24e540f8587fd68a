namespace Storefront.Core.Display;

/// <summary>
/// One filled field of a product or page as the storefront shows it: the model of the <c>_ContentField</c> partial,
/// which a theme overrides for every field, or as <c>_ContentField.{key}</c> for one. <see cref="Html"/> is the
/// default rendering, already safe; <see cref="Value"/> is the stored text (dates as yyyy-MM-dd, yes/no as true/false).
/// </summary>
public sealed record FieldDisplay(string Key, string Label, string Type, string Placement, string? SchemaProperty, string Value, string Html);

/// <summary>The filled fields of one placement (details, summary): the model of the <c>_ContentFields</c> partial.</summary>
public sealed record FieldZone(string Placement, IReadOnlyList<FieldDisplay> Fields)
{
    public static FieldZone Of(string placement, IReadOnlyList<FieldDisplay>? fields) =>
        new(placement, [.. (fields ?? []).Where(f => f.Placement == placement)]);
}
