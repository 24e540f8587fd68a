namespace Storefront.Catalog.Services;

/// <summary>A Markdown textarea with its live preview (products' descriptions, pages' bodies).</summary>
public sealed record MarkdownField(string Name, string Label, string? Value);
