using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>A smoke check of the hosted page's accessibility and its fitness for a strict CSP (no script, no inline style).</summary>
public sealed partial class HostedPageAccessibilityTests
{
    [Theory]
    [InlineData("open")]
    [InlineData("declined")]
    [InlineData("pending")]
    public async Task TheHostedPageHasOneH1LandmarksLabelledFieldsAndNoScriptOrInlineStyle(string state)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var session = await TestEmulator.Client(emulator.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_a11y");
        using var browser = TestEmulator.Browser();
        var response = state switch
        {
            "declined" => await TestEmulator.SubmitAsync(browser, session.Url!, "decline"),
            "pending" => await SettleLater(browser, session.Url!),
            _ => await browser.GetAsync(session.Url),
        };
        var html = await response.Content.ReadAsStringAsync();

        // The page is written as well-formed markup, so a strict XML parse doubles as a structure check.
        var markup = BooleanAttributes().Replace(html.Replace("<!doctype html>", ""), " $1=\"$1\"");
        var document = XDocument.Parse(VoidElements().Replace(markup, "<$1$2/>"));
        var all = document.Descendants().ToList();
        Assert.Equal("en", document.Root!.Attribute("lang")?.Value);
        Assert.Single(all, e => e.Name == "h1");
        Assert.Single(all, e => e.Name == "main");
        Assert.False(string.IsNullOrWhiteSpace(all.Single(e => e.Name == "title").Value));
        foreach (var input in all.Where(e => e.Name == "input"))
        {
            var id = input.Attribute("id")?.Value;
            Assert.Contains(all, e => e.Name == "label" && e.Attribute("for")?.Value == id);
        }

        Assert.All(all.Where(e => e.Name == "button"), b => Assert.False(string.IsNullOrWhiteSpace(b.Value)));
        Assert.All(all.Where(e => e.Name == "th" && e.Parent?.Parent?.Name == "thead"), th => Assert.Equal("col", th.Attribute("scope")?.Value));
        Assert.DoesNotContain(all, e => e.Name == "script" || e.Name == "style" || e.Attribute("style") is not null);
        Assert.DoesNotContain(all, e => e.Attributes().Any(a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal)));
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("style-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        if (state == "declined")
        {
            Assert.Contains(all, e => e.Attribute("role")?.Value == "alert");
            Assert.All(all.Where(e => e.Name == "input"), i => Assert.Equal("payment-error", i.Attribute("aria-describedby")?.Value));
        }
    }

    [Fact]
    public async Task TheStylesheetIsServedFromItsOwnRouteAndTheCancelLinkLeadsBackToTheShop()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var session = await TestEmulator.Client(emulator.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_css");
        using var browser = TestEmulator.Browser();
        var html = await (await browser.GetAsync(session.Url)).Content.ReadAsStringAsync();

        var href = StylesheetHref().Match(html).Groups[1].Value;
        var css = await browser.GetAsync(new Uri(new Uri(session.Url!), href));

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains(":focus-visible", await css.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"https://shop.example/checkout/cancel\">Cancel and return to the shop</a>", html);
    }

    private static async Task<HttpResponseMessage> SettleLater(HttpClient browser, string url)
    {
        await TestEmulator.SubmitAsync(browser, url, "delayed");
        return await browser.GetAsync(url);
    }

    [GeneratedRegex("<(meta|link|input|br)([^>]*?)/?>")]
    private static partial Regex VoidElements();

    [GeneratedRegex(" (required|formnovalidate)(?=[ >])")]
    private static partial Regex BooleanAttributes();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\">")]
    private static partial Regex StylesheetHref();
}
