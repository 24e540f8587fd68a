using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Browser;

/// <summary>The storefront as a buyer sees it, in real Chromium against the real server.</summary>
public sealed class StorefrontBrowserTests : BrowserTest
{
    [Fact]
    public async Task ABuyerOpensTheShopFollowsAProductAndSeesItsTitleAndPrice()
    {
        await using var app = await StartWithCatalogueAsync();
        var page = await NewPageAsync(app, new ViewportSize { Width = 1280, Height = 800 }, out var consoleErrors);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Soldering for Makers" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/products/soldering-for-makers$"));
        Assert.Equal("Soldering for Makers", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Contains("€19.50", await page.Locator(".product__price").InnerTextAsync());
        Assert.Equal("Soldering for Makers · Field Guides", await page.TitleAsync());
        Assert.Empty(consoleErrors);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("/", "Storefront")]
    [InlineData("/products/can-bus-field-guide", "Storefront")]
    [InlineData("/products/missing", "Storefront")]
    [InlineData("/", "Journal")]
    [InlineData("/products/can-bus-field-guide", "Journal")]
    [InlineData("/products/missing", "Journal")]
    public async Task PagesPassTheAccessibilitySmokeCheckOnAPhone(string path, string theme)
    {
        await using var app = await StartWithCatalogueAsync(theme);
        var page = await NewPageAsync(app, new ViewportSize { Width = 375, Height = 740 }, out var consoleErrors);

        await page.GotoAsync(path);
        var problems = await page.EvaluateAsync<string[]>(AccessibilitySmokeCheck);

        Assert.True(problems.Length == 0, string.Join("\n", problems));
        Assert.DoesNotContain(consoleErrors, e => !e.Contains("404", StringComparison.Ordinal));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("Storefront")]
    [InlineData("Journal")]
    public async Task KeyboardFocusIsVisibleAndTheSkipLinkComesFirst(string theme)
    {
        await using var app = await StartWithCatalogueAsync(theme);
        var page = await NewPageAsync(app, new ViewportSize { Width = 1280, Height = 800 }, out _);
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<JsonElement>(
            "() => { const e = document.activeElement; const s = getComputedStyle(e); return { text: e.textContent.trim(), outline: s.outlineStyle, width: s.outlineWidth }; }");

        Assert.Equal("Skip to content", focused.GetProperty("text").GetString());
        Assert.NotEqual("none", focused.GetProperty("outline").GetString());
        Assert.NotEqual("0px", focused.GetProperty("width").GetString());
    }

    [Theory]
    [InlineData("Storefront", "rgb(255, 255, 255)")]
    [InlineData("Journal", "rgb(251, 247, 238)")]
    public async Task DarkModeChangesTheColours(string theme, string lightPaper)
    {
        await using var app = await StartWithCatalogueAsync(theme);
        var light = await NewPageAsync(app, new ViewportSize { Width = 800, Height = 600 }, out _);
        await light.GotoAsync("/");
        await light.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        var lightBackground = await light.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        await light.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        var darkBackground = await light.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

        Assert.Equal(lightPaper, lightBackground);
        Assert.NotEqual(lightBackground, darkBackground);
    }

    /// <summary>Landmarks, one h1, names for images, controls and links, and no sideways scrolling.</summary>
    internal const string AccessibilitySmokeCheck = """
        () => {
          const problems = [];
          if (!document.documentElement.lang) problems.push('html has no lang');
          if (!document.title.trim()) problems.push('page has no title');
          for (const role of ['header', 'nav', 'main', 'footer'])
            if (document.querySelectorAll(role).length !== 1) problems.push(`expected one <${role}> landmark`);
          if (document.querySelectorAll('h1').length !== 1) problems.push('expected exactly one h1');
          document.querySelectorAll('img').forEach(img => { if (!img.hasAttribute('alt')) problems.push('image without alt: ' + img.src); });
          document.querySelectorAll('input, select, textarea').forEach(input => {
            if (input.type === 'hidden') return;
            const labelled = input.labels?.length || input.getAttribute('aria-label') || input.getAttribute('aria-labelledby');
            if (!labelled) problems.push('form control without label: ' + (input.name || input.id));
          });
          document.querySelectorAll('a, button').forEach(el => {
            if (!(el.textContent.trim() || el.getAttribute('aria-label') || el.querySelector('img[alt]:not([alt=""])')))
              problems.push('link or button without an accessible name: ' + el.outerHTML.slice(0, 80));
          });
          if (document.documentElement.scrollWidth > window.innerWidth + 1)
            problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px viewport`);
          return problems;
        }
        """;

    private static async Task<StorefrontApp> StartWithCatalogueAsync(string theme = "Storefront")
    {
        var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Settings("Field Guides").Step(new() { ["name"] = "settings", ["theme"] = theme }).Products(
            TestRecipe.Product("can-bus-field-guide", "CAN Bus Field Guide"),
            TestRecipe.Product("soldering-for-makers", "Soldering for Makers", price: 1950, currency: "eur")).WriteTo(folder.Path));
        return app;
    }

    private Task<IPage> NewPageAsync(StorefrontApp app, ViewportSize viewport, out List<string> consoleErrors)
    {
        var errors = new List<string>();
        consoleErrors = errors;
        return Create();

        async Task<IPage> Create()
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), ViewportSize = viewport });
            var page = await context.NewPageAsync();
            page.Console += (_, message) => { if (message.Type == "error") { lock (errors) { errors.Add(message.Text); } } };
            page.PageError += (_, error) => { lock (errors) { errors.Add(error); } };
            return page;
        }
    }
}
