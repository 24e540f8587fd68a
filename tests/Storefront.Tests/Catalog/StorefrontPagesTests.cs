using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

public sealed partial class StorefrontPagesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task HomeListsPublishedProductsOnlyAndLinksToThem(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Settings("Field Guides").Products(
            TestRecipe.Product("can-bus-field-guide", "CAN Bus Field Guide"),
            TestRecipe.Product("secret-draft", "Secret Draft", published: false)).WriteTo(folder.Path));

        using var client = app.CreateHttpClient();
        var html = await client.GetStringAsync("/");

        Assert.Contains("href=\"/products/can-bus-field-guide\"", html);
        Assert.Contains("CAN Bus Field Guide", html);
        Assert.Contains("$29.00", html);
        Assert.DoesNotContain("Secret Draft", html);
        Assert.Contains("<title>Field Guides</title>", html);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ProductPageShowsPriceOpenGraphAndJsonLdProduct()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("guide", "Zoë's Guide", price: 123456, currency: "eur")).WriteTo(folder.Path));

        using var client = app.CreateHttpClient();
        var response = await client.GetAsync("/products/guide");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("€1,234.56", html);
        Assert.Contains("<meta property=\"og:title\" content=\"Zoë&#x27;s Guide\" />", html);
        Assert.Matches("<meta property=\"og:image\" content=\"http://127\\.0\\.0\\.1:\\d+/media/covers/[0-9a-f]+/cover\\.png\" />", html);
        var jsonLd = JsonLd().Match(html);
        Assert.True(jsonLd.Success, "no JSON-LD block");
        using var document = JsonDocument.Parse(jsonLd.Groups[1].Value);
        Assert.Equal("Product", document.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Zoë's Guide", document.RootElement.GetProperty("name").GetString());
        Assert.Equal("1234.56", document.RootElement.GetProperty("offers").GetProperty("price").GetString());
        Assert.Equal("EUR", document.RootElement.GetProperty("offers").GetProperty("priceCurrency").GetString());
    }

    [Fact]
    public async Task ZeroDecimalCurrencyHasNoCents()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("yen", "Yen Book", price: 2900, currency: "jpy")).WriteTo(folder.Path));

        using var client = app.CreateHttpClient();
        Assert.Contains("¥2,900", await client.GetStringAsync("/products/yen"));
    }

    [Theory]
    [InlineData("/products/secret-draft")]
    [InlineData("/products/no-such-product")]
    [InlineData("/products/..%2F..%2Fetc")]
    [InlineData("/no/such/page")]
    public async Task UnknownOrDraftProductGetsThemedNotFound(string path)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("secret-draft", "Secret Draft", published: false)).WriteTo(folder.Path));

        using var client = app.CreateHttpClient();
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", html);
        Assert.Contains("Field Guides", html); // rendered inside the theme's layout
        Assert.DoesNotContain("Secret Draft", html);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task MarkdownWithScriptAndJavascriptLinksRendersInert()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var product = TestRecipe.Product("inert", "Inert");
        product["description"] = "Hello <script>alert('x')</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) [ok](https://example.com)";
        await app.ImportAsync(new TestRecipe().Products(product).WriteTo(folder.Path));

        using var client = app.CreateHttpClient();
        var html = await client.GetStringAsync("/products/inert");
        var description = Description().Match(html).Groups[1].Value;

        Assert.DoesNotContain("<script>", description);
        Assert.DoesNotContain("<img", description);
        Assert.Contains("&lt;script&gt;", description);
        Assert.DoesNotContain("javascript:", description);
        Assert.Contains("href=\"https://example.com\"", description);
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex JsonLd();

    [GeneratedRegex("<div class=\"product__description\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Description();
}
