using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Core.Recipes;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>
/// The sitemap, robots.txt and the Atom feed list exactly what is published, with absolute addresses from the shop's
/// public address, and change the moment an editor publishes; SEO fields travel from the admin form and from recipes
/// into the page head; a renamed product or page answers 301 at its old addresses.
/// </summary>
public sealed class FindabilityTests
{
    private const string Origin = "https://shop.example";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static readonly Dictionary<string, string?> PublicAddress = new() { ["Site:BaseUrl"] = Origin + "/" };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheSitemapAndFeedListExactlyThePublishedItemsAndAPublishShowsInThemAndInSearchAtOnce(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db, PublicAddress);
        await ImportAsync(app, Catalogue(draftPublished: false));

        var sitemap = await XmlAsync(app, "/sitemap.xml", "application/xml");
        Assert.Equal(Sitemap + "urlset", sitemap.Root!.Name);
        Assert.Equal([Origin + "/", Origin + "/products/field-guide", Origin + "/pages/about"], Locations(sitemap));
        Assert.All(sitemap.Root.Elements(Sitemap + "url"), u => Assert.True(DateTimeOffset.TryParse((string?)u.Element(Sitemap + "lastmod"), out _)));

        var feed = await XmlAsync(app, "/feed.xml", "application/atom+xml");
        Assert.Equal(Atom + "feed", feed.Root!.Name);
        Assert.Equal(Origin + "/", (string?)feed.Root.Element(Atom + "id"));
        Assert.Equal("Field Guides", (string?)feed.Root.Element(Atom + "title"));
        Assert.True(DateTimeOffset.TryParse((string?)feed.Root.Element(Atom + "updated"), out _));
        Assert.Equal(Origin + "/feed.xml", LinkOf(feed.Root, "self"));
        Assert.Equal(Origin + "/", LinkOf(feed.Root, "alternate"));
        Assert.NotNull(feed.Root.Element(Atom + "author")?.Element(Atom + "name"));
        var entry = Assert.Single(feed.Root.Elements(Atom + "entry"));
        Assert.Equal(Origin + "/products/field-guide", (string?)entry.Element(Atom + "id"));
        Assert.Equal("Field Guide", (string?)entry.Element(Atom + "title"));
        Assert.Equal(Origin + "/products/field-guide", LinkOf(entry, "alternate"));
        Assert.Contains("All about Field Guide", (string?)entry.Element(Atom + "summary"));
        Assert.True(DateTimeOffset.TryParse((string?)entry.Element(Atom + "updated"), out _));
        Assert.DoesNotContain("href=\"/products/soldering\"", await PageAsync(app, "/search?q=soldering"));

        await ImportAsync(app, Catalogue(draftPublished: true));

        Assert.Contains(Origin + "/products/soldering", Locations(await XmlAsync(app, "/sitemap.xml", "application/xml")));
        Assert.Equal(2, (await XmlAsync(app, "/feed.xml", "application/atom+xml")).Root!.Elements(Atom + "entry").Count());
        Assert.Contains("href=\"/products/soldering\"", await PageAsync(app, "/search?q=soldering"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AControlCharacterPastedIntoATitleLeavesTheFeedReadable()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: PublicAddress);
        await ImportAsync(app, new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("bell-guide", "Bell Guide")));
        // Editors and recipes refuse such a title now; one saved before that rule still reaches the feed.
        await app.WithDbAsync(d => d.Set<Product>().Where(p => p.Slug == "bell-guide").ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Title, "Bell\u0007 Guide\u0001").SetProperty(p => p.Description, "All about Bell\u0007 Guide\u0001")));

        var feed = await XmlAsync(app, "/feed.xml", "application/atom+xml");

        var entry = Assert.Single(feed.Root!.Elements(Atom + "entry"));
        Assert.Equal("Bell Guide", (string?)entry.Element(Atom + "title"));
        Assert.Contains("All about Bell Guide", (string?)entry.Element(Atom + "summary"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ASecondRequestForTheSitemapFeedOrRobotsIsServedFromThePageCache()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: PublicAddress);
        await ImportAsync(app, Catalogue(draftPublished: true));
        foreach (var path in new[] { "/sitemap.xml", "/feed.xml", "/robots.txt" })
        {
            await PageAsync(app, path);
            using var commands = new RequestCommands(app);

            var again = await PageAsync(app, path);

            Assert.Contains(Origin, again);
            Assert.True(commands.Texts.Count == 0, $"{path} ran: {string.Join(" | ", commands.Texts)}");
        }

        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task RobotsAllowsTheStorefrontKeepsCrawlersOutOfPrivateAreasAndNamesTheSitemap()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: PublicAddress);
        using var client = app.CreateHttpClient();

        var response = await client.GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("User-agent: *", lines);
        Assert.Contains("Allow: /", lines);
        foreach (var path in new[] { "/admin", "/checkout", "/download", "/library", "/cart", "/api" })
        {
            Assert.Contains("Disallow: " + path, lines);
        }

        Assert.DoesNotContain("Disallow: /", lines);
        Assert.Contains($"Sitemap: {Origin}/sitemap.xml", lines);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task SeoFieldsAreCheckedInTheAdminFormsRoundTripAndShowInThePageHead(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db, PublicAddress);
        await ImportAsync(app, new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("plain", "Plain Guide")));
        var editor = await SignedInEditor.CreateAsync(app);
        var master = await AdminRequests.UploadSampleMasterAsync(editor);
        var product = ProductFields(master, new()
        {
            ["Input.Seo.SeoTitle"] = new string('t', 71),
            ["Input.Seo.SeoDescription"] = "Short.",
            ["Input.Seo.SocialImage"] = "//evil.example/x.png",
            ["Input.Seo.CanonicalUrl"] = "javascript:alert(1)",
        });

        var refused = await editor.PostFormAsync("/admin/products/new", product);
        var form = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The SEO title may be at most 70 characters (it has 71)", form);
        Assert.Contains("Enter the social image as a full https:// address or a path on this shop", form);
        Assert.Contains("Enter the canonical URL as a full http:// or https:// address", form);
        Assert.Contains("Short.</textarea>", form);

        product["Input.Seo.SeoTitle"] = "The CAN Bus Guide for Technicians";
        product["Input.Seo.SeoDescription"] = "Wire, debug and read a CAN bus in an afternoon.";
        product["Input.Seo.SocialImage"] = "/media/social/can-bus.png";
        product["Input.Seo.CanonicalUrl"] = "https://books.example/can-bus";
        var id = AdminRequests.SavedId(await editor.PostFormAsync("/admin/products/new", product));

        var edit = await editor.Client.GetStringAsync($"/admin/products/{id}");
        Assert.Contains("value=\"The CAN Bus Guide for Technicians\"", edit);
        Assert.Contains("value=\"https://books.example/can-bus\"", edit);
        Assert.Contains("<label for=\"Input_Seo_CanonicalUrl\">Canonical URL</label>", edit);
        var page = await PageAsync(app, "/products/can-bus");
        Assert.Contains("<title>The CAN Bus Guide for Technicians · Field Guides</title>", page);
        Assert.Contains("<meta name=\"description\" content=\"Wire, debug and read a CAN bus in an afternoon.\" />", page);
        Assert.Contains($"<meta property=\"og:image\" content=\"{Origin}/media/social/can-bus.png\" />", page);
        Assert.Contains("<link rel=\"canonical\" href=\"https://books.example/can-bus\" />", page);

        // Without SEO fields: the title, the text's start, the cover and the product's own address.
        var plain = await PageAsync(app, "/products/plain");
        Assert.Contains("<title>Plain Guide · Field Guides</title>", plain);
        Assert.Contains($"<link rel=\"canonical\" href=\"{Origin}/products/plain\" />", plain);
        Assert.Matches($"<meta property=\"og:image\" content=\"{Origin}/media/covers/[^\"]+\" />", plain);

        var pageId = AdminRequests.SavedId(await editor.PostFormAsync("/admin/pages/new", new()
        {
            ["Input.Title"] = "About",
            ["Input.Slug"] = "about",
            ["Input.Body"] = "We write guides.",
            ["Input.Published"] = "true",
            ["Input.Order"] = "0",
            ["Input.Seo.SeoTitle"] = "About the authors",
            ["Input.Seo.SeoDescription"] = "Who writes Field Guides.",
            ["Input.Seo.SocialImage"] = "https://cdn.example/team.jpg",
            ["Input.Seo.CanonicalUrl"] = "",
        }));
        Assert.Contains("value=\"About the authors\"", await editor.Client.GetStringAsync($"/admin/pages/{pageId}"));
        var about = await PageAsync(app, "/pages/about");
        Assert.Contains("<title>About the authors · Field Guides</title>", about);
        Assert.Contains("<meta name=\"description\" content=\"Who writes Field Guides.\" />", about);
        Assert.Contains("<meta property=\"og:image\" content=\"https://cdn.example/team.jpg\" />", about);
        Assert.Contains($"<link rel=\"canonical\" href=\"{Origin}/pages/about\" />", about);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task SeoFieldsTravelThroughRecipeExportAndImportingTheExportTwiceChangesNothing(Db db)
    {
        await using var source = await StorefrontApp.StartAsync(db);
        var product = TestRecipe.Product("field-guide", "Field Guide");
        product["seoTitle"] = "Field Guide for Technicians";
        product["seoDescription"] = "Everything in one afternoon.";
        product["socialImage"] = "https://cdn.example/field.png";
        product["canonicalUrl"] = "https://books.example/field-guide";
        var page = new JsonObject { ["slug"] = "about", ["title"] = "About", ["body"] = "Us.", ["seoTitle"] = "About us", ["canonicalUrl"] = "https://example.org/about" };
        await ImportAsync(source, new TestRecipe().Products(product, TestRecipe.Product("plain", "Plain")).Step(new JsonObject { ["name"] = "pages", ["pages"] = new JsonArray(page) }));
        using var export = new TempFolder();
        await using (var scope = source.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeExporter>().ExportAsync(export.File("shop.recipe.json"));
        }

        var steps = JsonNode.Parse(await File.ReadAllTextAsync(export.File("shop.recipe.json")))!["steps"]!.AsArray();
        var products = steps.Single(s => (string)s!["name"]! == "products")!["products"]!.AsArray();
        var exported = products.Single(p => (string)p!["slug"]! == "field-guide")!;
        Assert.Equal("Field Guide for Technicians", (string?)exported["seoTitle"]);
        Assert.Equal("Everything in one afternoon.", (string?)exported["seoDescription"]);
        Assert.Equal("https://cdn.example/field.png", (string?)exported["socialImage"]);
        Assert.Equal("https://books.example/field-guide", (string?)exported["canonicalUrl"]);
        Assert.Null(products.Single(p => (string)p!["slug"]! == "plain")!["seoTitle"]);
        var exportedPage = steps.Single(s => (string)s!["name"]! == "pages")!["pages"]!.AsArray().Single()!;
        Assert.Equal("About us", (string?)exportedPage["seoTitle"]);
        Assert.Equal("https://example.org/about", (string?)exportedPage["canonicalUrl"]);

        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(export.File("shop.recipe.json"));
        var again = await target.ImportAsync(export.File("shop.recipe.json"));

        Assert.Equal(0, again.Changes);
        var head = await PageAsync(target, "/products/field-guide");
        Assert.Contains("<title>Field Guide for Technicians · ", head);
        Assert.Contains("<link rel=\"canonical\" href=\"https://books.example/field-guide\" />", head);
        Assert.Contains("<title>About us · ", await PageAsync(target, "/pages/about"));
        target.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ARecipeWithABadCanonicalUrlIsRefusedNamingTheField()
    {
        await using var app = await StorefrontApp.StartAsync();
        var product = TestRecipe.Product("field-guide", "Field Guide");
        product["canonicalUrl"] = "ftp://books.example/x";
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(new TestRecipe().Products(product).WriteTo(folder.Path)));

        Assert.Contains(error.Errors, e => e.Contains("'products[0].canonicalUrl': Enter the canonical URL as a full http:// or https:// address", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateHttpClient().GetAsync("/products/field-guide")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ARenamedProductOrPageAnswers301AtEveryOldAddressUntilANewItemTakesOne(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var editor = await SignedInEditor.CreateAsync(app);
        var master = await AdminRequests.UploadSampleMasterAsync(editor);
        var id = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Field Guide", "first", published: true, masterKey: master));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "/products/first"));

        AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Field Guide", "second", published: true, masterKey: master, path: $"/admin/products/{id}"));
        AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Field Guide", "third", published: true, masterKey: master, path: $"/admin/products/{id}"));

        foreach (var old in new[] { "/products/first", "/products/second" })
        {
            using var client = app.CreateHttpClient();
            var moved = await client.GetAsync(old);
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal("/products/third", moved.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, "/products/third"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "/products/never-was"));

        AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Another Guide", "first", published: true, masterKey: master));
        Assert.Contains("Another Guide", await PageAsync(app, "/products/first"));
        Assert.Equal(HttpStatusCode.MovedPermanently, await StatusAsync(app, "/products/second"));

        var pageFields = new Dictionary<string, string> { ["Input.Title"] = "Refunds", ["Input.Slug"] = "refunds", ["Input.Body"] = "Within 14 days.", ["Input.Published"] = "true", ["Input.Order"] = "0" };
        var pageId = AdminRequests.SavedId(await editor.PostFormAsync("/admin/pages/new", pageFields));
        pageFields["Input.Slug"] = "refund-policy";
        AdminRequests.SavedId(await editor.PostFormAsync($"/admin/pages/{pageId}", pageFields));
        using (var client = app.CreateHttpClient())
        {
            var moved = await client.GetAsync("/pages/refunds");
            Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
            Assert.Equal("/pages/refund-policy", moved.Headers.Location!.OriginalString);
        }

        // A product's old slug is not a page's: the two kinds keep separate addresses.
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "/pages/second"));
        app.Logs.AssertNoErrors();
    }

    private static TestRecipe Catalogue(bool draftPublished) => new TestRecipe().Settings("Field Guides")
        .Products(TestRecipe.Product("field-guide", "Field Guide"), TestRecipe.Product("soldering", "Soldering for Makers", published: draftPublished))
        .Step(new JsonObject
        {
            ["name"] = "pages",
            ["pages"] = new JsonArray(
                new JsonObject { ["slug"] = "about", ["title"] = "About", ["body"] = "Us." },
                new JsonObject { ["slug"] = "draft", ["title"] = "Draft", ["body"] = "Soon.", ["published"] = false }),
        });

    private static Dictionary<string, string> ProductFields(string master, Dictionary<string, string> seo)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "CAN Bus Guide",
            ["Input.Slug"] = "can-bus",
            ["Input.Description"] = "All about the bus.",
            ["Input.Price"] = "29.00",
            ["Input.Currency"] = "usd",
            ["Input.Published"] = "true",
            ["Input.MasterKey"] = master,
            ["Input.MasterFileName"] = "guide.pdf",
        };
        foreach (var (key, value) in seo)
        {
            fields[key] = value;
        }

        return fields;
    }

    private static List<string> Locations(XDocument sitemap) =>
        [.. sitemap.Root!.Elements(Sitemap + "url").Select(u => (string)u.Element(Sitemap + "loc")!)];

    private static string? LinkOf(XElement parent, string rel) =>
        (string?)parent.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href");

    private static async Task<XDocument> XmlAsync(StorefrontApp app, string path, string mediaType)
    {
        using var client = app.CreateHttpClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task ImportAsync(StorefrontApp app, TestRecipe recipe)
    {
        using var folder = new TempFolder();
        await app.ImportAsync(recipe.WriteTo(folder.Path));
    }

    private static async Task<string> PageAsync(StorefrontApp app, string path)
    {
        using var client = app.CreateHttpClient();
        return await client.GetStringAsync(path);
    }

    private static async Task<HttpStatusCode> StatusAsync(StorefrontApp app, string path)
    {
        using var client = app.CreateHttpClient();
        return (await client.GetAsync(path)).StatusCode;
    }
}
