using AngleSharp.Dom;
using Ganss.Xss;

namespace Storefront.Catalog.Services;

/// <summary>
/// The HTML that editor Markdown may turn into. Markdig's raw-HTML-off is the first wall; this allow-list is the
/// second, so a Markdig extension or parser quirk that emits a script, an event handler, a frame or a style
/// still cannot reach a buyer's browser.
/// </summary>
internal static class MarkdownHtmlPolicy
{
    private const string MediaPrefix = "/media/";

    public static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote",
                "ul", "ol", "li", "strong", "em", "del", "ins", "mark", "sub", "sup",
                "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "a", "img",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "align", "start", "class",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.FilterUrl += (_, e) =>
        {
            // Images load without a click, so only our own media and https hosts may be fetched by a buyer's browser.
            if (e.Tag.LocalName == "img" && e.SanitizedUrl is { } src && !IsAllowedImage(src))
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) => KeepLanguageClassOnly(e.Node);
        return sanitizer;
    }

    private static bool IsAllowedImage(string src) =>
        src.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || (src.StartsWith(MediaPrefix, StringComparison.Ordinal) && !src.StartsWith("//", StringComparison.Ordinal));

    /// <summary>Fenced code names its language as a class; any other class could borrow the theme's own styling.</summary>
    private static void KeepLanguageClassOnly(INode node)
    {
        if (node is not IElement element || element.GetAttribute("class") is not { } classes)
        {
            return;
        }

        var kept = classes.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(c => element.LocalName == "code" && c.StartsWith("language-", StringComparison.Ordinal))
            .ToArray();
        if (kept.Length == 0)
        {
            element.RemoveAttribute("class");
        }
        else
        {
            element.SetAttribute("class", string.Join(' ', kept));
        }
    }
}
