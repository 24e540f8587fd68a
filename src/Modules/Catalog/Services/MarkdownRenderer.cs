using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Storefront.Catalog.Services;

/// <summary>
/// Editor Markdown to HTML. Raw HTML is disabled, so a &lt;script&gt; in a description is shown as
/// text; the result then passes an allow-list (<see cref="MarkdownHtmlPolicy"/>), because Markdig itself
/// would happily render a javascript: link and its extensions emit attributes of their own.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline;

    // Configured once and never changed afterwards, which is what makes Sanitize safe to call concurrently.
    private readonly HtmlSanitizer sanitizer = MarkdownHtmlPolicy.Create();

    public MarkdownRenderer()
        : this(new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().UseEmphasisExtras().Build())
    {
    }

    /// <summary>Any pipeline, however permissive its extensions, still ends at the same allow-list.</summary>
    internal MarkdownRenderer(MarkdownPipeline pipeline) => this.pipeline = pipeline;

    public string ToHtml(string? markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown ?? "", pipeline);
        }
        catch (ArgumentException)
        {
            return AsText(markdown!);
        }

        AlignCellsWithoutStyle(document);
        return sanitizer.Sanitize(document.ToHtml(pipeline));
    }

    /// <summary>Plain text for meta descriptions.</summary>
    public string ToPlainText(string? markdown, int maxLength = 200)
    {
        string plain;
        try
        {
            plain = Markdown.ToPlainText(markdown ?? "", pipeline);
        }
        catch (ArgumentException)
        {
            plain = markdown!;
        }

        var text = string.Join(' ', plain.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= maxLength ? text : text[..(maxLength - 1)].TrimEnd() + "…";
    }

    /// <summary>
    /// Markdig refuses input nested deeper than it will recurse (hundreds of "&gt;" or "*" in a row) with an
    /// ArgumentException: such text is shown as it was typed, one paragraph per line, rather than failing the page.
    /// </summary>
    private static string AsText(string markdown) => string.Concat(markdown.Split('\n')
        .Where(line => !string.IsNullOrWhiteSpace(line))
        .Select(line => "<p>" + System.Net.WebUtility.HtmlEncode(line.TrimEnd('\r')) + "</p>\n"));

    /// <summary>
    /// Markdig aligns table columns with a style attribute, which the allow-list refuses everywhere;
    /// the plain align attribute keeps the editor's alignment without opening CSS to content.
    /// </summary>
    private static void AlignCellsWithoutStyle(MarkdownDocument document)
    {
        foreach (var table in document.Descendants<Table>())
        {
            var alignments = table.ColumnDefinitions.Select(c => c.Alignment).ToArray();
            foreach (var column in table.ColumnDefinitions)
            {
                column.Alignment = null;
            }

            foreach (var row in table.OfType<TableRow>())
            {
                var position = 0;
                foreach (var cell in row.OfType<TableCell>())
                {
                    // Markdig leaves ColumnIndex at -1 for pipe tables and counts the cell's place in its row instead.
                    var index = cell.ColumnIndex >= 0 ? cell.ColumnIndex : position;
                    position += Math.Max(cell.ColumnSpan, 1);
                    if (index >= 0 && index < alignments.Length && alignments[index] is { } align)
                    {
                        cell.GetAttributes().AddProperty("align", align.ToString().ToLowerInvariant());
                    }
                }
            }
        }
    }
}
