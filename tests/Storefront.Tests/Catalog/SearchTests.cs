using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>
/// <c>/search</c> finds published products and pages by the words of their titles and texts, ranks them the same way on
/// SQLite and PostgreSQL, answers any query a visitor can type with a page, and follows every save and delete at once.
/// </summary>
public sealed partial class SearchTests
{
    private static readonly string[] DemoQueries =
    [
        "guide", "guides", "network", "home network router", "soldering iron", "accounting", "hledger ledger beancount", "CAN bus",
        "refund", "makers", "field guides", "the", "zeppelin", "Netzwerk", "checklist router", "plain-text",
    ];

    [Fact]
    public async Task EveryDemoQueryGivesTheSameResultsInTheSameOrderOnSqliteAndPostgres()
    {
        var answers = new Dictionary<Db, List<List<string>>>();
        foreach (var db in new[] { Db.Sqlite, Db.Postgres })
        {
            await using var app = await StorefrontApp.StartAsync(db);
            await app.ImportAsync(ShopToExport.DemoRecipe);
            answers[db] = [];
            foreach (var query in DemoQueries)
            {
                answers[db].Add(await ResultsAsync(app, query));
            }

            app.Logs.AssertNoErrors();
        }

        for (var i = 0; i < DemoQueries.Length; i++)
        {
            Assert.True(answers[Db.Sqlite][i].SequenceEqual(answers[Db.Postgres][i]),
                $"'{DemoQueries[i]}': SQLite [{string.Join(", ", answers[Db.Sqlite][i])}], PostgreSQL [{string.Join(", ", answers[Db.Postgres][i])}]");
        }

        var found = DemoQueries.Zip(answers[Db.Sqlite]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("/products/soldering-for-makers", found["soldering iron"].First());
        // A word in a title outranks the same word in another item's text.
        Assert.Equal("/products/home-network-hardening-checklist", found["network"].First());
        Assert.Contains("/pages/refund-policy", found["refund"]);
        Assert.Equal(found["guide"], found["guides"]);
        Assert.True(found["guide"].Count > 1);
        Assert.Empty(found["the"]);
        Assert.Empty(found["zeppelin"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnyQueryAVisitorCanTypeIsAnsweredWithAPageNeverAnError(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await app.ImportAsync(ShopToExport.DemoRecipe);
        string[] hostile =
        [
            "", " ", "\"", "\"unbalanced", "'", "a'b", "*", "guide*", "NEAR(guide soldering)", "guide AND OR NOT", "title:guide", "{title}: x",
            "^guide", "-guide", "guide | soldering", "guide & !soldering", "guide:*", "(((", "')); DROP TABLE products; --", "\\", "%", "_",
            "😀 guide", "zoë", "日本語", new string('x', 5000), string.Join(' ', Enumerable.Repeat("guide", 400)), "\u0000guide", "<script>alert(1)</script>",
        ];

        foreach (var query in hostile)
        {
            using var client = app.CreateHttpClient();
            var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString(query));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"'{query[..Math.Min(query.Length, 40)]}' answered {(int)response.StatusCode}");
            Assert.DoesNotContain("<script>alert(1)</script>", await response.Content.ReadAsStringAsync());
        }

        using (var client = app.CreateHttpClient())
        {
            Assert.Contains("/products/can-bus-field-guide", await client.GetStringAsync("/search?q=" + Uri.EscapeDataString("\"guide\" OR")));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search")).StatusCode);
            Assert.Contains("<li><a href=\"/search\">Search</a></li>", await client.GetStringAsync("/"));
        }

        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnEditAndADeleteShowInSearchAtOnceAndTheAdminListsSearchTheSameWay(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await app.ImportAsync(ShopToExport.DemoRecipe);
        var editor = await SignedInEditor.CreateAsync(app);
        var master = await AdminRequests.UploadSampleMasterAsync(editor);
        Assert.Empty(await ResultsAsync(app, "zeppelin"));

        var id = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(
            editor, "Airships", "airships", published: true, masterKey: master, description: "How a **zeppelin** floats."));
        Assert.Equal(["/products/airships"], await ResultsAsync(app, "zeppelin"));
        Assert.Equal(["/products/airships"], await ResultsAsync(app, "zeppelins airships"));

        var products = await editor.Client.GetStringAsync("/admin/products?q=zeppelin");
        Assert.Contains("<label for=\"q\">Search titles, slugs and texts</label>", products);
        Assert.Contains(">Airships</a>", products);
        Assert.DoesNotContain(">Soldering for Makers</a>", products);
        var pages = await editor.Client.GetStringAsync("/admin/pages?q=refunded");
        Assert.Contains("<label for=\"q\">Search titles, slugs and texts</label>", pages);
        Assert.Contains(">Refund policy</a>", pages);
        Assert.DoesNotContain(">About</a>", pages);

        AdminRequests.SavedId(await AdminRequests.SaveProductAsync(
            editor, "Airships", "airships", published: true, masterKey: master, description: "How a blimp floats.", path: $"/admin/products/{id}"));
        Assert.Empty(await ResultsAsync(app, "zeppelin"));
        Assert.Equal(["/products/airships"], await ResultsAsync(app, "blimp"));

        var token = await editor.TokenAsync($"/admin/products/{id}/delete");
        var deleted = await editor.Client.PostAsync($"/admin/products/{id}/delete", new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await ResultsAsync(app, "blimp"));
        Assert.DoesNotContain(">Airships</a>", await editor.Client.GetStringAsync("/admin/products?q=blimp"));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AShopWhoseIndexIsEmptyFillsItAtStart(Db db)
    {
        using var folder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(db, folder);
        await using (var first = await StorefrontApp.StartAsync(db, shared, new TempFolder()))
        {
            await first.ImportAsync(ShopToExport.DemoRecipe);
            Assert.Contains("/products/soldering-for-makers", await ResultsAsync(first, "soldering"));
            // As a shop upgraded from before the index has it: every item, no row.
            await first.WithDbAsync(context => context.Database.ExecuteSqlRawAsync("DELETE FROM catalog_search"));
        }

        await using var second = await StorefrontApp.StartAsync(db, shared, new TempFolder());

        await Eventually.HoldsAsync(async () => (await ResultsAsync(second, "soldering")).Contains("/products/soldering-for-makers"), "the index was rebuilt");
        Assert.Equal("/pages/refund-policy", (await ResultsAsync(second, "refund policy")).First());
        second.Logs.AssertNoErrors();
    }

    /// <summary>
    /// Forty-five matches are listed twenty to a page, in rank order across the pages, each once; a page number past
    /// either end shows the nearest page that exists.
    /// </summary>
    [Fact]
    public async Task ManyResultsArePagedInRankOrderWithEachResultOnce()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var products = Enumerable.Range(1, 45).Select(i => TestRecipe.Product($"atlas-{i:00}", $"Atlas volume {i:00}")).ToArray();
        await app.ImportAsync(new TestRecipe().Settings("Maps").Products(products).WriteTo(folder.Path));
        using var client = app.CreateHttpClient();

        var first = await client.GetStringAsync("/search?q=atlas");
        var third = await client.GetStringAsync("/search?q=atlas&p=3");
        var listed = new List<string>();
        foreach (var page in new[] { 1, 2, 3 })
        {
            listed.AddRange(await ResultsAsync(app, "atlas", page));
        }

        Assert.Contains("45 results for “atlas”, 1–20 shown.", first);
        Assert.Contains("rel=\"next\"", first);
        Assert.DoesNotContain("rel=\"prev\"", first);
        Assert.Contains("Page 3 of 3", third);
        Assert.Contains("<ol class=\"search__results\" start=\"41\">", third);
        Assert.DoesNotContain("rel=\"next\"", third);
        Assert.Equal(Enumerable.Range(1, 45).Select(i => $"/products/atlas-{i:00}"), listed);
        Assert.Equal(await ResultsAsync(app, "atlas", 3), await ResultsAsync(app, "atlas", 99));
        Assert.Equal(await ResultsAsync(app, "atlas", 1), await ResultsAsync(app, "atlas", -4));
        app.Logs.AssertNoErrors();
    }

    /// <summary>
    /// Three instances of an upgraded shop start at once: one rebuilds the index and the others leave it to that one, so
    /// no item is indexed twice and no instance fails on the rows another just wrote.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task InstancesStartingTogetherRebuildAnEmptyIndexOnce(Db db)
    {
        using var folder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(db, folder);
        long items;
        await using (var first = await StorefrontApp.StartAsync(db, shared, new TempFolder()))
        {
            await first.ImportAsync(ShopToExport.DemoRecipe);
            items = await first.WithDbAsync(async context => await context.Set<Storefront.Catalog.Models.Product>().LongCountAsync()
                + await context.Set<Storefront.Catalog.Models.ContentPage>().LongCountAsync());
            await first.WithDbAsync(context => context.Database.ExecuteSqlRawAsync("DELETE FROM catalog_search"));
        }

        var instances = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StorefrontApp.StartAsync(db, shared, new TempFolder())));
        try
        {
            await Eventually.HoldsAsync(
                () => Task.FromResult(instances.Any(app => app.Logs.Lines.Any(line => line.Contains("Rebuilt the search index", StringComparison.Ordinal)))),
                "an instance rebuilt the index");
            Assert.Contains("/products/soldering-for-makers", await ResultsAsync(instances[1], "soldering"));
            Assert.Equal(items, await instances[0].WithDbAsync(context => context.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM catalog_search").SingleAsync()));
            Assert.Single(instances.SelectMany(app => app.Logs.Lines), line => line.Contains("Rebuilt the search index", StringComparison.Ordinal));
            Assert.All(instances, app => app.Logs.AssertNoErrors());
        }
        finally
        {
            foreach (var app in instances)
            {
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>The result links of the search page, in order, as an anonymous visitor sees them.</summary>
    internal static async Task<List<string>> ResultsAsync(StorefrontApp app, string query, int page = 1)
    {
        using var client = app.CreateHttpClient();
        var html = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString(query) + (page == 1 ? "" : $"&p={page}"));
        return [.. ResultLink().Matches(html).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("<h2><a href=\"([^\"]+)\">")]
    private static partial Regex ResultLink();
}
