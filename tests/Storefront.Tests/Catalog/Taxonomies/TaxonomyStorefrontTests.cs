using System.Net;
using System.Xml.Linq;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Taxonomies;

/// <summary>
/// Category and tag pages list the published products in them (a category with everything beneath it) with their own
/// title, description and canonical address; the product list filters by both through its query string; the sitemap lists
/// every term page; and an editor's change to a term or a product's terms shows on cached pages at once.
/// </summary>
public sealed class TaxonomyStorefrontTests
{
    private const string Origin = "https://shop.example";

    private static readonly Dictionary<string, string?> PublicAddress = new() { ["Site:BaseUrl"] = Origin + "/" };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ACategoryPageListsItsOwnAndItsSubCategoriesPublishedProductsWithItsOwnHead(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db, PublicAddress);
        await TaxonomyShop.ImportAsync(app, TaxonomyShop.Recipe());

        var guides = await TaxonomyShop.GetAsync(app, "/categories/guides");
        Assert.Contains("<h1 id=\"term-title\">Guides</h1>", guides);
        Assert.Contains("<strong>guide</strong>", guides);
        Assert.Contains("<title>Guides", guides);
        Assert.Contains($"<link rel=\"canonical\" href=\"{Origin}/categories/guides\" />", guides);
        Assert.Contains("<meta name=\"description\" content=\"Every guide we write.", guides);
        Assert.Contains("href=\"/products/can-bus-guide\"", guides);
        Assert.Contains("href=\"/products/soldering\"", guides);
        Assert.Contains("href=\"/products/joinery\"", guides);
        Assert.DoesNotContain("/products/unreleased", guides);
        Assert.Contains("href=\"/categories/electronics\"", guides);

        var electronics = await TaxonomyShop.GetAsync(app, "/categories/electronics");
        Assert.Contains("href=\"/products/can-bus-guide\"", electronics);
        Assert.Contains("href=\"/products/soldering\"", electronics);
        Assert.DoesNotContain("/products/joinery", electronics);
        Assert.Contains("aria-label=\"Breadcrumb\"", electronics);
        Assert.Contains("href=\"/categories/guides\"", electronics);

        var beginner = await TaxonomyShop.GetAsync(app, "/tags/beginner");
        Assert.Contains("<h1 id=\"term-title\">Beginner</h1>", beginner);
        Assert.Contains($"<link rel=\"canonical\" href=\"{Origin}/tags/beginner\" />", beginner);
        Assert.Contains("href=\"/products/can-bus-guide\"", beginner);
        Assert.Contains("href=\"/products/joinery\"", beginner);
        Assert.DoesNotContain("/products/soldering", beginner);

        var product = await TaxonomyShop.GetAsync(app, "/products/can-bus-guide");
        Assert.Contains("<a href=\"/categories/can-bus\">CAN bus</a>", product);
        Assert.Contains("<a href=\"/tags/beginner\">Beginner</a>", product);

        using var visitor = app.CreateHttpClient();
        foreach (var missing in new[] { "/categories/nothing-here", "/tags/nothing-here", "/tags/guides", "/categories/beginner", "/categories/Not%20A%20Slug" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(missing)).StatusCode);
        }

        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheProductListFiltersByCategoryAndTagFromItsQueryString(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db, PublicAddress);
        await TaxonomyShop.ImportAsync(app, TaxonomyShop.Recipe());

        var all = await TaxonomyShop.GetAsync(app, "/");
        Assert.Contains("<form method=\"get\" action=\"/\" class=\"catalogue-filter\"", all);
        Assert.Contains("<label for=\"filter-category\">Category</label>", all);
        Assert.Contains("<label for=\"filter-tag\">Tag</label>", all);
        Assert.Equal(3, Products(all).Count);

        Assert.Equal(["/products/can-bus-guide", "/products/soldering"], Products(await TaxonomyShop.GetAsync(app, "/?category=electronics")));
        Assert.Equal(["/products/can-bus-guide", "/products/joinery"], Products(await TaxonomyShop.GetAsync(app, "/?tag=beginner")));
        var both = await TaxonomyShop.GetAsync(app, "/?category=guides&tag=advanced");
        Assert.Equal(["/products/soldering"], Products(both));
        Assert.Contains("<option value=\"guides\" selected=\"selected\">Guides</option>", both);
        Assert.Contains("<option value=\"advanced\" selected=\"selected\">Advanced</option>", both);

        var none = await TaxonomyShop.GetAsync(app, "/?category=woodwork&tag=advanced");
        Assert.Empty(Products(none));
        Assert.Contains("No products match this filter.", none);

        var unknown = await TaxonomyShop.GetAsync(app, "/?category=no-such-thing&tag=%3Cscript%3E");
        Assert.Equal(3, Products(unknown).Count);
        Assert.Contains("There is no category “no-such-thing”, so the list is not narrowed by category.", unknown);
        Assert.Contains("There is no tag “&lt;script&gt;”", unknown);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheSitemapListsEveryCategoryAndTagPage(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db, PublicAddress);
        await TaxonomyShop.ImportAsync(app, TaxonomyShop.Recipe());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

        var sitemap = XDocument.Parse(await TaxonomyShop.GetAsync(app, "/sitemap.xml"));

        var locations = sitemap.Root!.Elements(ns + "url").Select(u => (string)u.Element(ns + "loc")!).ToList();
        string[] terms = ["/categories/can-bus", "/categories/electronics", "/categories/guides", "/categories/woodwork", "/tags/advanced", "/tags/beginner"];
        Assert.Equal(terms.Select(t => Origin + t), locations.Where(l => l.Contains("/categories/") || l.Contains("/tags/")));
        Assert.All(sitemap.Root.Elements(ns + "url"), u => Assert.True(DateTimeOffset.TryParse((string?)u.Element(ns + "lastmod"), out _)));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnEditorsChangeToATermOrAProductsTermsShowsOnCachedPagesAtOnce()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: PublicAddress);
        await TaxonomyShop.ImportAsync(app, TaxonomyShop.Recipe());
        // Rendered once, then from the cache.
        foreach (var path in new[] { "/categories/woodwork", "/", "/sitemap.xml", "/products/joinery" })
        {
            await TaxonomyShop.GetAsync(app, path);
            using var commands = new RequestCommands(app);
            await TaxonomyShop.GetAsync(app, path);
            Assert.True(commands.Texts.Count == 0, $"{path} was not served from the cache: {string.Join(" | ", commands.Texts)}");
        }

        var editor = await SignedInEditor.CreateAsync(app);
        var woodwork = await TaxonomyAdmin.IdOfAsync(app, "woodwork");
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/taxonomies/{woodwork}", new()
        {
            ["kind"] = "category", ["Input.Name"] = "Carpentry", ["Input.Slug"] = "carpentry", ["Input.Description"] = "Wood.",
        })).StatusCode);

        Assert.Contains("<h1 id=\"term-title\">Carpentry</h1>", await TaxonomyShop.GetAsync(app, "/categories/carpentry"));
        Assert.Contains(">Carpentry</option>", await TaxonomyShop.GetAsync(app, "/"));
        Assert.Contains(Origin + "/categories/carpentry", await TaxonomyShop.GetAsync(app, "/sitemap.xml"));
        Assert.Contains("<a href=\"/categories/carpentry\">Carpentry</a>", await TaxonomyShop.GetAsync(app, "/products/joinery"));

        var joinery = await TaxonomyAdmin.ProductIdAsync(app, "joinery");
        var form = await editor.Client.GetStringAsync($"/admin/products/{joinery}");
        Assert.Contains("value=\"Beginner\"", form);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminRequests.SaveProductAsync(editor, "Joinery Basics", "joinery", published: true,
            masterKey: await AdminRequests.UploadSampleMasterAsync(editor), path: $"/admin/products/{joinery}")).StatusCode);

        Assert.DoesNotContain("/products/joinery", await TaxonomyShop.GetAsync(app, "/categories/carpentry"));
        Assert.DoesNotContain("/products/joinery", await TaxonomyShop.GetAsync(app, "/tags/beginner"));
        Assert.DoesNotContain("/categories/carpentry", await TaxonomyShop.GetAsync(app, "/products/joinery"));
        app.Logs.AssertNoErrors();
    }

    private static List<string> Products(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "href=\"(/products/[a-z0-9-]+)\" class=\"product-card__link\"").Select(m => m.Groups[1].Value)];
}
