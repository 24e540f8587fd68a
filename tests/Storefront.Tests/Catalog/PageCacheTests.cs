using System.Net;
using System.Text.RegularExpressions;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>
/// Catalogue pages come from the output cache for anonymous visitors, and every change that shows on them (an admin edit,
/// a recipe import, a setting, a sale) evicts them here at once and on every other instance sharing the database.
/// </summary>
public sealed partial class PageCacheTests
{
    private static readonly Dictionary<string, string?> QuickPolls = new() { ["Settings:PollInterval"] = "00:00:00.250" };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ASecondAnonymousVisitOfTheHomeAndAProductPageRunsNoDatabaseCommand(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await ImportAsync(app, new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("field-guide", "Field Guide")));
        using var commands = new RequestCommands(app);

        foreach (var path in new[] { "/", "/products/field-guide" })
        {
            commands.Clear();
            using (var first = app.CreateHttpClient())
            {
                Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(path)).StatusCode);
            }

            Assert.NotEmpty(commands.Texts);
            // Settings reach pages through the configuration, which re-reads them on its own schedule.
            Assert.DoesNotContain(commands.Texts, c => c.Contains("site_settings", StringComparison.Ordinal));
            commands.Clear();
            using var second = app.CreateHttpClient();
            var again = await second.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("Field Guide", await again.Content.ReadAsStringAsync());
            Assert.True(commands.Texts.Count == 0, $"{path} ran: {string.Join(" | ", commands.Texts)}");
        }

        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnAdminsPriceEditShowsAtOnceHereAndWithinSecondsOnAnotherInstance(Db db)
    {
        using var folder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(db, folder);
        foreach (var (key, value) in QuickPolls)
        {
            shared[key] = value;
        }

        await using var first = await StorefrontApp.StartAsync(db, shared, new TempFolder());
        await using var second = await StorefrontApp.StartAsync(db, shared, new TempFolder());
        var editor = await SignedInEditor.CreateAsync(first);
        var master = await AdminRequests.UploadSampleMasterAsync(editor);
        var id = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Field Guide", "field-guide", "29.00", published: true, masterKey: master));
        Assert.Contains("$29.00", await PageAsync(first, "/products/field-guide"));
        Assert.Contains("$29.00", await PageAsync(second, "/products/field-guide"));
        Assert.Contains("$29.00", await PageAsync(second, "/"));

        AdminRequests.SavedId(await AdminRequests.SaveProductAsync(
            editor, "Field Guide", "field-guide", "31.50", published: true, masterKey: master, path: $"/admin/products/{id}"));

        Assert.Contains("$31.50", await PageAsync(first, "/products/field-guide"));
        Assert.Contains("$31.50", await PageAsync(first, "/"));
        await Eventually.HoldsAsync(async () => (await PageAsync(second, "/products/field-guide")).Contains("$31.50"), "the other instance shows the new price", 5);
        await Eventually.HoldsAsync(async () => (await PageAsync(second, "/")).Contains("$31.50"), "the other instance's home page shows the new price", 5);
        first.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ARecipeImportAndAShopNameChangeShowOnPagesAlreadyCached()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: QuickPolls);
        await ImportAsync(app, new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("field-guide", "Field Guide")));
        Assert.Contains("<title>Field Guides</title>", await PageAsync(app, "/"));
        Assert.Contains("<title>Field Guide · Field Guides</title>", await PageAsync(app, "/products/field-guide"));

        await ImportAsync(app, new TestRecipe().Products(TestRecipe.Product("soldering", "Soldering for Makers")));
        Assert.Contains("Soldering for Makers", await PageAsync(app, "/"));

        await ImportAsync(app, new TestRecipe().Settings("Circuit Books"));
        Assert.Contains("<title>Circuit Books</title>", await PageAsync(app, "/"));
        Assert.Contains("<title>Field Guide · Circuit Books</title>", await PageAsync(app, "/products/field-guide"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AVisitorWithACartSeesTheirOwnCountAndNeverAnothers()
    {
        await using var app = await StorefrontApp.StartAsync();
        await ImportAsync(app, new TestRecipe().Products(TestRecipe.Product("field-guide", "Field Guide"), TestRecipe.Product("soldering", "Soldering")));
        Assert.Contains(">Cart</a>", await PageAsync(app, "/"));

        using var buyer = new CartBuyer(app.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await buyer.AddAsync("field-guide")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await buyer.AddAsync("soldering")).StatusCode);
        Assert.Contains(">Cart (2)</a>", await buyer.Client.GetStringAsync("/"));
        Assert.Contains(">Cart (2)</a>", await buyer.Client.GetStringAsync("/products/field-guide"));

        using var other = new CartBuyer(app.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await other.AddAsync("soldering")).StatusCode);
        Assert.Contains(">Cart (1)</a>", await other.Client.GetStringAsync("/"));

        var anonymous = await PageAsync(app, "/");
        Assert.Contains(">Cart</a>", anonymous);
        Assert.DoesNotContain("Cart (", anonymous);
        Assert.Contains(">Cart (2)</a>", await buyer.Client.GetStringAsync("/"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ASignedInAdminIsNeverServedTheSharedCopyNorStoresOne()
    {
        await using var app = await StorefrontApp.StartAsync();
        await ImportAsync(app, new TestRecipe().Products(TestRecipe.Product("field-guide", "Field Guide")));
        await PageAsync(app, "/products/field-guide");
        var editor = await SignedInEditor.CreateAsync(app);
        using var commands = new RequestCommands(app);

        var page = await editor.Client.GetAsync("/products/field-guide");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotEmpty(commands.Texts);
        commands.Clear();
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync("/products/field-guide")).StatusCode);
        Assert.NotEmpty(commands.Texts);
        app.Logs.AssertNoErrors();
    }

    /// <summary>
    /// The Buy form on a shared page carries nothing of one visitor's: two visitors get the same bytes and no cookie, both
    /// forms work, and the same form posted by someone else's page is refused before anything happens.
    /// </summary>
    [Fact]
    public async Task FormsOnACachedPageAreTheSameForEveryVisitorAndRefuseOtherSites()
    {
        await using var app = await StorefrontApp.StartAsync();
        await ImportAsync(app, new TestRecipe().Products(TestRecipe.Product("field-guide", "Field Guide")));
        await PageAsync(app, "/products/field-guide");
        using var commands = new RequestCommands(app);

        using var one = new CartBuyer(app.BaseAddress);
        using var two = new CartBuyer(app.BaseAddress);
        var (pageOne, pageTwo) = (await one.Client.GetAsync("/products/field-guide"), await two.Client.GetAsync("/products/field-guide"));

        Assert.Empty(commands.Texts);
        Assert.False(pageOne.Headers.Contains("Set-Cookie"), "a shared page set a cookie");
        Assert.Equal(await pageOne.Content.ReadAsStringAsync(), await pageTwo.Content.ReadAsStringAsync());
        Assert.Contains("action=\"/checkout/field-guide\"", await pageOne.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await one.AddAsync("field-guide")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await two.AddAsync("field-guide")).StatusCode);
        Assert.Contains("Field Guide", await one.CartPageAsync());

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/cart/add/field-guide") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        forged.Headers.Add("Origin", "https://elsewhere.example");
        using var three = new CartBuyer(app.BaseAddress);
        var refused = await three.Client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("This form came from another site", await refused.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Field Guide", await three.CartPageAsync());
        app.Logs.AssertNoErrors();
    }

    private static async Task ImportAsync(StorefrontApp app, TestRecipe recipe)
    {
        using var folder = new TempFolder();
        await app.ImportAsync(recipe.WriteTo(folder.Path));
    }

    /// <summary>An anonymous visitor's first request: a new client with no cookies.</summary>
    private static async Task<string> PageAsync(StorefrontApp app, string path)
    {
        using var client = app.CreateHttpClient();
        return await client.GetStringAsync(path);
    }
}
