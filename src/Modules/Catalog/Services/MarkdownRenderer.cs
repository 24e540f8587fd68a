using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Storefront.Catalog.Services;

/// <summary>
/// Editor Markdown to HTML. Raw HTML is disabled, so a &lt;script&gt; in a description is shown as
/// text; link and image targets other than http(s), mailto and relative ones are dropped, because
/// Markdig itself would happily render a javascript: link.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    public string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "";
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!IsSafeUrl(autolink.Url))
            {
                autolink.Url = "";
            }
        }

        return document.ToHtml(pipeline);
    }

    /// <summary>Plain text for meta descriptions.</summary>
    public string ToPlainText(string? markdown, int maxLength = 200)
    {
        var text = string.Join(' ', Markdown.ToPlainText(markdown ?? "", pipeline)
            .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= maxLength ? text : text[..(maxLength - 1)].TrimEnd() + "…";
    }

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        var trimmed = url.Trim();
        var colon = trimmed.IndexOf(':');
        var slash = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true; // relative
        }

        var scheme = trimmed[..colon].ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }
}
