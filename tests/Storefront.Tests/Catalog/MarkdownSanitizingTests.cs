using AngleSharp.Html.Parser;
using Markdig;
using Storefront.Catalog.Services;

namespace Storefront.Tests.Catalog;

public sealed class MarkdownSanitizingTests
{
    private static readonly MarkdownRenderer Shop = new();

    // Raw HTML on and every extension Markdig has: what an extension or a future pipeline change could emit.
    private static readonly MarkdownRenderer Permissive = new(new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<div onclick=\"alert(1)\">x</div>")]
    [InlineData("<img src=\"/media/a.png\" onerror=\"alert(1)\">")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<p style=\"position:fixed\">x</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"JaVaScRiPt&#58;alert(1)\">x</a>")]
    [InlineData("<a href=\" javascript:alert(1)\">x</a>")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x](https://example.com){onclick=\"go()\"}")]
    [InlineData("# Title {style=\"color:red\" onmouseover=go}")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz4=)")]
    [InlineData("[x](vbscript:msgbox)")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\"><form action=\"/x\"><input></form>")]
    [InlineData("<svg><script>alert(1)</script></svg><math><style>*{}</style></math>")]
    [InlineData("<base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0\"><link rel=\"stylesheet\" href=\"x\">")]
    public void DangerousMarkupNeverSurvivesEvenWhenAPipelineEmitsIt(string markdown)
    {
        AssertHarmless(Permissive.ToHtml(markdown));
        AssertHarmless(Shop.ToHtml(markdown));
    }

    [Fact]
    public void AllowListIsWhatStripsThePermissivePipelinesOutput()
    {
        const string markdown = "<iframe src=\"https://evil.example\"></iframe>\n\n[x](https://a.example){onclick=\"go()\"}";
        var raw = Markdown.ToHtml(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        Assert.Contains("<iframe", raw);
        Assert.Contains("onclick", raw);

        var html = Permissive.ToHtml(markdown);
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("onclick", html);
        Assert.Contains("<a href=\"https://a.example\">x</a>", html);
    }

    [Theory]
    [InlineData("## Heading", "<h2>Heading</h2>")]
    [InlineData("**bold** and *em* and ~~gone~~", "<p><strong>bold</strong> and <em>em</em> and <del>gone</del></p>")]
    [InlineData("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>")]
    [InlineData("3. three\n4. four", "<ol start=\"3\">")]
    [InlineData("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>")]
    [InlineData("`x < y`", "<code>x &lt; y</code>")]
    [InlineData("```csharp\nvar x = 1;\n```", "<pre><code class=\"language-csharp\">var x = 1;\n</code></pre>")]
    [InlineData("[site](https://example.com)", "<a href=\"https://example.com\">site</a>")]
    [InlineData("[terms](/pages/terms)", "<a href=\"/pages/terms\">terms</a>")]
    [InlineData("[mail](mailto:help@example.com)", "<a href=\"mailto:help@example.com\">mail</a>")]
    [InlineData("![Harbour](/media/ab/harbour%20dawn.png)", "<img src=\"/media/ab/harbour%20dawn.png\" alt=\"Harbour\">")]
    [InlineData("![Remote](https://cdn.example/a.png)", "<img src=\"https://cdn.example/a.png\" alt=\"Remote\">")]
    [InlineData("| a | b |\n|---|--:|\n| 1 | 2 |", "<td align=\"right\">2</td>")]
    public void MarkdownRendersWhatEditorsWrite(string markdown, string expected)
    {
        Assert.Contains(expected, Shop.ToHtml(markdown));
    }

    [Theory]
    [InlineData("![x](http://plain.example/a.png)")]
    [InlineData("![x](//evil.example/a.png)")]
    [InlineData("![x](/admin/logo.png)")]
    [InlineData("![x](tracker.png)")]
    public void ImagesComeOnlyFromOurMediaOrHttps(string markdown)
    {
        var html = Shop.ToHtml(markdown);
        Assert.DoesNotContain("src=", html);
        Assert.Contains("alt=\"x\"", html);
    }

    [Fact]
    public void OnlyTheCodeLanguageClassIsKept()
    {
        var html = Permissive.ToHtml("Hello {.admin-only .language-x}\n\n```js\nx\n```");
        Assert.DoesNotContain("admin-only", html);
        Assert.Contains("class=\"language-js\"", html);
    }

    /// <summary>Checks the parsed document, not the text: an escaped "&lt;script&gt;" shown to the buyer is harmless.</summary>
    private static void AssertHarmless(string html)
    {
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, Forbidden);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.LocalName} kept {attribute.Name}: {html}");
                Assert.NotEqual("style", attribute.Name);
                var scheme = attribute.Value.Trim().Split(':', 2) is [var head, _] && !head.Contains('/') ? head.ToLowerInvariant() : null;
                Assert.True(scheme is null or "http" or "https" or "mailto", $"{element.LocalName} kept {attribute.Name}={attribute.Value}");
            }
        }
    }

    private static readonly string[] Forbidden =
        ["script", "iframe", "object", "embed", "form", "input", "svg", "math", "style", "base", "meta", "link", "frame", "div"];
}
