using System.Globalization;

namespace Storefront.Catalog.Services;

/// <summary>
/// How long a product's description or a page's body may be, from the editors or a recipe alike. A million characters is
/// a long book; more would make every view of the page, its edit form and the search index carry megabytes.
/// </summary>
public static class LongTexts
{
    public const int MaxLength = 1_000_000;

    /// <summary>
    /// What the admin's forms accept in one field: Kestrel's whole-request limit, so an overlong text reaches the
    /// editor's own check and comes back with its message instead of a bare 400 that loses what was typed.
    /// </summary>
    public const int FormValueLimit = 30_000_000;

    public static string? Problem(string noun, string? text) =>
        text is { Length: > MaxLength }
            ? string.Create(CultureInfo.InvariantCulture, $"The {noun} can be at most {MaxLength:N0} characters; this one has {text.Length:N0}.")
            : null;
}
