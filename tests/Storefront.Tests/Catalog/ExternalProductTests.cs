using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.External;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Recipes;
using Storefront.Payments.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

public sealed class ExternalProductTests
{
    private const string ShopUrl = "https://www.other-shop.example/books/field-guide?ref=ours";

    [Theory]
    [InlineData("javascript:alert(1)", "full http:// or https:// address")]
    [InlineData("/products/elsewhere", "full http:// or https:// address")]
    [InlineData("//evil.example/x", "full http:// or https:// address")]
    [InlineData("ftp://files.example/book.pdf", "full http:// or https:// address")]
    [InlineData("data:text/html,hi", "full http:// or https:// address")]
    [InlineData("https://trusted.example@evil.example/", "may not contain a user name or password")]
    [InlineData("https://shop.example/a b", "may not contain spaces")]
    public async Task AnExternalAddressThatIsNotAnAbsoluteHttpAddressIsRefusedWithAClearMessageAndNothingIsSaved(string url, string message)
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);

        var response = await SaveExternalAsync(editor, "Elsewhere Guide", url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(c => c.Set<Product>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnOverLongExternalAddressIsRefusedAndAnEditedOneIsKeptOnlyWhenValid()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        var id = AdminRequests.SavedId(await SaveExternalAsync(editor, "Elsewhere Guide", ShopUrl));

        var tooLong = await SaveExternalAsync(editor, "Elsewhere Guide", "https://shop.example/" + new string('a', 2000), path: $"/admin/products/{id}");

        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("may be at most 2000 characters", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(ShopUrl, await app.WithDbAsync(c => c.Set<Product>().Select(p => p.ExternalUrl).SingleAsync()));
        var form = await editor.Client.GetStringAsync($"/admin/products/{id}");
        Assert.Contains("<label for=\"Input_ExternalUrl\">External shop address (optional)</label>", form);
        Assert.Contains(WebUtility.HtmlEncode(ShopUrl), form);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnExternalProductLinksToItsShopThroughGoWhichRecordsTheClickWithoutTheAddressAndRedirects(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var (editor, id) = await PublishExternalAsync(app);
        using var visitor = app.CreateHttpClient();

        var page = await visitor.GetStringAsync("/products/elsewhere-guide");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/go/elsewhere-guide");
        request.Headers.Referrer = new Uri("https://blog.example/reviews/guides?session=secret#top");
        request.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        using var go = await visitor.SendAsync(request);

        Assert.Contains("<a class=\"button\" href=\"/go/elsewhere-guide\" rel=\"nofollow noopener\">Buy on other-shop.example</a>", page);
        Assert.DoesNotContain("action=\"/checkout/", page);
        Assert.DoesNotContain("Instant download after payment", page);
        Assert.Equal(HttpStatusCode.Found, go.StatusCode);
        Assert.Equal(ShopUrl, go.Headers.Location!.OriginalString);
        Assert.True(go.Headers.CacheControl!.NoStore);
        Assert.Equal("strict-origin", go.Headers.GetValues("Referrer-Policy").Single());
        var click = await app.WithDbAsync(c => c.Set<ProductClick>().SingleAsync());
        Assert.Equal(id, click.ProductId);
        Assert.Equal("https://blog.example/reviews/guides", click.Referrer);
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", click.UserAgent);
        Assert.False(click.IsBot);
        Assert.InRange(click.At, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        var columns = await app.WithDbAsync(c => Task.FromResult(c.Model.FindEntityType(typeof(ProductClick))!.GetProperties().Select(p => p.GetColumnName()).Order().ToList()));
        Assert.Equal(["at", "id", "is_bot", "product_id", "referrer", "user_agent"], columns);
        Assert.Contains("product.external-url-set", await app.WithDbAsync(c => c.Set<AuditEntry>().Select(e => e.Action).ToListAsync()));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheAdminShowsTodaysClicksPerProductAndTheirCountOnTheProductsPage(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var (editor, id) = await PublishExternalAsync(app);
        using var visitor = app.CreateHttpClient();
        // A request without a user agent is counted as a crawler: every browser sends one.
        visitor.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await visitor.GetAsync("/go/elsewhere-guide")).StatusCode);
        }

        using var crawler = new HttpRequestMessage(HttpMethod.Get, "/go/elsewhere-guide");
        crawler.Headers.UserAgent.ParseAdd("Googlebot/2.1");
        Assert.Equal(HttpStatusCode.Found, (await visitor.SendAsync(crawler)).StatusCode);

        var report = WebUtility.HtmlDecode(await editor.Client.GetStringAsync("/admin/products/clicks"));
        var edit = await editor.Client.GetStringAsync($"/admin/products/{id}");

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        Assert.Contains("<caption>Clicks per product per day, newest first: 3 by people, 1 by crawlers</caption>", report);
        Assert.Contains($"<th scope=\"row\"><time datetime=\"{today}\">{today}</time></th>", report);
        Assert.Matches($"<a href=\"/admin/products/{id}\">Elsewhere Guide</a>\\s*</td>\\s*<td>3</td>\\s*<td>1</td>", report);
        Assert.Contains("Clicks to the external shop: 4 in the last 30 days, 4 in all.", edit);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task GoAnswersNotFoundForAProductThatIsUnknownUnpublishedArchivedOrSoldHere(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await app.WithDbAsync(c =>
        {
            c.AddRange(
                NewProduct("draft-guide", ShopUrl, published: false),
                NewProduct("archived-guide", ShopUrl, published: false, archived: true),
                NewProduct("local-guide", null, published: true));
            return c.SaveChangesAsync();
        });
        using var visitor = app.CreateHttpClient();

        foreach (var slug in new[] { "draft-guide", "archived-guide", "local-guide", "no-such-guide", "Not..A..Slug" })
        {
            using var response = await visitor.GetAsync("/go/" + slug);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("<h1", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, await app.WithDbAsync(c => c.Set<ProductClick>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task CheckoutOfAnExternalProductIsRefusedWithAClearPageAndNoOrder()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var recipe = new TempFolder();
        var external = TestRecipe.Product("elsewhere-guide", "Elsewhere Guide");
        external["externalUrl"] = ShopUrl;
        external.Remove("master");
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("field-guide", "Field Guide"), external).WriteTo(recipe.Path));
        using var buyer = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var response = await buyer.PostAsync("/checkout/elsewhere-guide", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("This product is sold on another shop", html);
        Assert.Contains("Nothing was charged.", html);
        Assert.Equal(0, await app.WithDbAsync(c => c.Set<Order>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ExportThenImportReproducesTheExternalAddressAndImportingAgainChangesNothing(Db db)
    {
        await using var source = await StorefrontApp.StartAsync(db);
        using var recipe = new TempFolder();
        var external = TestRecipe.Product("elsewhere-guide", "Elsewhere Guide");
        external["externalUrl"] = "https://bücher.example/Feldführer";
        external.Remove("master");
        await source.ImportAsync(new TestRecipe().Products(TestRecipe.Product("field-guide", "Field Guide"), external).WriteTo(recipe.Path));
        using var export = new TempFolder();

        await using (var scope = source.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeExporter>().ExportAsync(export.File("shop.recipe.json"));
        }

        var exported = JsonNode.Parse(await File.ReadAllTextAsync(export.File("shop.recipe.json")))!["steps"]!.AsArray()
            .Single(s => (string)s!["name"]! == "products")!["products"]!.AsArray();
        Assert.Equal("https://xn--bcher-kva.example/Feldf%C3%BChrer", (string)exported.Single(p => (string)p!["slug"]! == "elsewhere-guide")!["externalUrl"]!);
        Assert.Null(exported.Single(p => (string)p!["slug"]! == "field-guide")!["externalUrl"]);
        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(export.File("shop.recipe.json"));
        var again = await target.ImportAsync(export.File("shop.recipe.json"));

        var products = await target.WithDbAsync(c => c.Set<Product>().OrderBy(p => p.Slug).Select(p => new { p.Slug, p.ExternalUrl, p.MasterKey }).ToListAsync());
        Assert.Equal("https://xn--bcher-kva.example/Feldf%C3%BChrer", products[0].ExternalUrl);
        Assert.Null(products[0].MasterKey);
        Assert.Null(products[1].ExternalUrl);
        Assert.Equal(0, again.Changes);
        target.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ARecipeWithAJavascriptExternalAddressIsRefusedNamingTheStepAndFieldAndNothingIsImported()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var recipe = new TempFolder();
        var external = TestRecipe.Product("elsewhere-guide", "Elsewhere Guide");
        external["externalUrl"] = "javascript:alert(document.cookie)";
        external.Remove("master");

        var error = await Assert.ThrowsAsync<RecipeException>(() =>
            app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("field-guide", "Field Guide"), external).WriteTo(recipe.Path)));

        Assert.Contains(error.Errors, e => e.StartsWith("step 1 ('products'), field 'products[1].externalUrl': Enter the external shop address as a full http://", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Errors, e => e.Contains(".master'", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(c => c.Set<Product>().CountAsync()));
    }

    [Fact]
    public async Task OneAddressClickingAtMachineSpeedIsStillRedirectedButCountedOnlyUpToTheLimit()
    {
        await using var app = await StorefrontApp.StartAsync();
        await app.WithDbAsync(c =>
        {
            c.Add(NewProduct("elsewhere-guide", ShopUrl, published: true));
            return c.SaveChangesAsync();
        });
        using var visitor = app.CreateHttpClient();

        for (var i = 0; i < ClickThrottle.PerMinute + 5; i++)
        {
            using var response = await visitor.GetAsync("/go/elsewhere-guide");
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        }

        Assert.Equal(ClickThrottle.PerMinute, await app.WithDbAsync(c => c.Set<ProductClick>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    /// <summary>An editor signed in, who has published "Elsewhere Guide" as sold on <see cref="ShopUrl"/>.</summary>
    private static async Task<(SignedInEditor Editor, Guid Id)> PublishExternalAsync(StorefrontApp app)
    {
        var editor = await SignedInEditor.CreateAsync(app);
        return (editor, AdminRequests.SavedId(await SaveExternalAsync(editor, "Elsewhere Guide", ShopUrl, published: true)));
    }

    /// <summary>The product form as the admin posts it, with the external address and no master.</summary>
    private static Task<HttpResponseMessage> SaveExternalAsync(SignedInEditor editor, string title, string url, bool published = false, string path = "/admin/products/new") =>
        editor.PostFormAsync(path, new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Slug"] = "",
            ["Input.Description"] = "Sold by a friend's shop.",
            ["Input.Price"] = "29.00",
            ["Input.Currency"] = "usd",
            ["Input.Published"] = published ? "true" : "false",
            ["Input.ExternalUrl"] = url,
        });

    private static Product NewProduct(string slug, string? externalUrl, bool published, bool archived = false) => new()
    {
        Slug = slug, Title = slug, ExternalUrl = externalUrl, Published = published, ArchivedAt = archived ? DateTime.UtcNow : null,
        CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
    };
}
