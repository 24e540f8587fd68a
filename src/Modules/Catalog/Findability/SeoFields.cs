using System.ComponentModel.DataAnnotations;
using Storefront.Catalog.Models;

namespace Storefront.Catalog.Findability;

/// <summary>
/// The SEO fields as the admin forms post them and recipes carry them. Empty text means "use the item's own"; a value is
/// trimmed, and checked the same way whichever way it arrives.
/// </summary>
public sealed class SeoFields
{
    [Display(Name = "SEO title")]
    public string? SeoTitle { get; set; }

    [Display(Name = "Meta description")]
    public string? SeoDescription { get; set; }

    [Display(Name = "Social image")]
    public string? SocialImage { get; set; }

    [Display(Name = "Canonical URL")]
    public string? CanonicalUrl { get; set; }

    public static SeoFields From(ISeoItem item) => new()
    {
        SeoTitle = item.SeoTitle,
        SeoDescription = item.SeoDescription,
        SocialImage = item.SocialImage,
        CanonicalUrl = item.CanonicalUrl,
    };

    /// <summary>Reports each problem through <paramref name="error"/> (property name, message); true when there is none.</summary>
    public bool Check(Action<string, string> error)
    {
        var problems = new List<(string, string)>();
        if (Clean(SeoTitle) is { Length: > SeoLimits.TitleLength } title)
        {
            problems.Add((nameof(SeoTitle), $"The SEO title may be at most {SeoLimits.TitleLength} characters (it has {title.Length}): search results cut longer ones."));
        }

        if (Clean(SeoDescription) is { Length: > SeoLimits.DescriptionLength } description)
        {
            problems.Add((nameof(SeoDescription), $"The meta description may be at most {SeoLimits.DescriptionLength} characters (it has {description.Length})."));
        }

        if (Clean(SocialImage) is { } image && !IsAbsoluteHttp(image) && !IsShopPath(image))
        {
            problems.Add((nameof(SocialImage), "Enter the social image as a full https:// address or a path on this shop such as /media/covers/guide.png, or leave it empty to use the cover."));
        }

        if (Clean(CanonicalUrl) is { } canonical && !IsAbsoluteHttp(canonical))
        {
            problems.Add((nameof(CanonicalUrl), "Enter the canonical URL as a full http:// or https:// address, or leave it empty to use the item's own address."));
        }

        foreach (var (field, message) in problems)
        {
            error(field, message);
        }

        return problems.Count == 0;
    }

    public void ApplyTo(ISeoItem item)
    {
        item.SeoTitle = Clean(SeoTitle);
        item.SeoDescription = Clean(SeoDescription);
        item.SocialImage = Clean(SocialImage);
        item.CanonicalUrl = Clean(CanonicalUrl);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsAbsoluteHttp(string text) =>
        text.Length <= SeoLimits.UrlLength && !text.Any(char.IsWhiteSpace)
        && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && uri.UserInfo.Length == 0
        && (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>"/media/…" but not "//host/…", which a browser reads as another site.</summary>
    private static bool IsShopPath(string text) =>
        text.Length <= SeoLimits.UrlLength && text is ['/', not '/' and not '\\', ..] && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or '\\');
}
