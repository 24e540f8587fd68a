using System.Text.Json;
using Storefront.Catalog.Models;

namespace Storefront.Catalog.Versions;

/// <summary>
/// One saved state of a page. Rows are never changed. Pages have no drafts: an earlier version opens in the page's form,
/// and saving it there makes it the page again, as a new version.
/// </summary>
public sealed class PageVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PageId { get; set; }

    /// <summary>1, 2, 3… per page.</summary>
    public int Number { get; set; }

    /// <summary>The page's own fields as JSON (<see cref="PageContent"/>).</summary>
    public required string Content { get; set; }

    /// <summary>What this version changed, for people: "title, body".</summary>
    public required string Changes { get; set; }

    /// <summary>The editor's name, or "system" when no person saved it (a recipe import, a restore).</summary>
    public required string Author { get; set; }

    public required DateTime CreatedAt { get; set; }
}

/// <summary>A page's own fields as a version keeps them (admin-defined field values are kept by the fields, not here).</summary>
public sealed record PageContent(
    string Title, string Slug, string Body, bool Published, int NavigationOrder, string? SeoTitle, string? SeoDescription, string? SocialImage,
    string? CanonicalUrl)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly (string Name, Func<PageContent, object?> Value)[] Groups =
    [
        ("title", c => c.Title),
        ("slug", c => c.Slug),
        // A browser posts a textarea with CRLF line endings: a round trip through the form is not a change.
        ("body", c => c.Body.ReplaceLineEndings("\n")),
        ("published", c => c.Published),
        ("position", c => c.NavigationOrder),
        ("SEO", c => (c.SeoTitle, c.SeoDescription, c.SocialImage, c.CanonicalUrl)),
    ];

    public static PageContent Of(ContentPage p) =>
        new(p.Title, p.Slug, p.Body, p.Published, p.NavigationOrder, p.SeoTitle, p.SeoDescription, p.SocialImage, p.CanonicalUrl);

    public static PageContent Parse(string json) =>
        JsonSerializer.Deserialize<PageContent>(json, Json) ?? throw new InvalidOperationException("A page version holds no content.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The names of the groups that differ from <paramref name="before"/>, e.g. "title, body"; empty when none do.</summary>
    public string ChangesFrom(PageContent before) => string.Join(", ", Groups.Where(g => !Equals(g.Value(this), g.Value(before))).Select(g => g.Name));
}
