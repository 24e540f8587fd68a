using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Fields;
using Storefront.Catalog.Models;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Fields;

/// <summary>
/// Search finds products by the values of their text, Markdown and choice fields (a title still outranks them), the
/// same on SQLite and PostgreSQL, and follows every change of a value or of a field at once.
/// </summary>
public sealed class FieldSearchTests
{
    private static JsonObject Book(string slug, string title, JsonObject fields)
    {
        var product = TestRecipe.Product(slug, title);
        fields["page_count"] = 100;
        product["fields"] = fields;
        return product;
    }

    /// <summary>Books whose field values share words with the demo catalogue's titles and texts.</summary>
    private static JsonObject[] Books() =>
    [
        Book("wiring-notebook", "Wiring Notebook", new JsonObject
        {
            ["author"] = "Ada Byron", ["isbn"] = "Quillfeather network edition", ["format"] = "EPUB",
            ["notes"] = "Pairs with a **soldering iron** and a pair of tweezers.", ["website"] = "https://zeppelin.example/notebook",
        }),
        Book("ledger-workbook", "Ledger Workbook", new JsonObject { ["author"] = "Grace Router", ["notes"] = "Exercises for *beancount* users." }),
    ];

    private static readonly string[] Queries =
    [
        "byron", "ada byron", "quillfeather", "soldering iron", "network", "router", "beancount", "epub", "pdf", "tweezers", "zeppelin",
        "guide", "ledger", "workbook exercises", "320",
    ];

    [Fact]
    public async Task QueriesOverTheDemoCatalogueAndFieldValuesGiveTheSameResultsInTheSameOrderOnSqliteAndPostgres()
    {
        var answers = new Dictionary<Db, List<List<string>>>();
        foreach (var db in new[] { Db.Sqlite, Db.Postgres })
        {
            await using var app = await StorefrontApp.StartAsync(db);
            await app.ImportAsync(ShopToExport.DemoRecipe);
            using var folder = new TempFolder();
            await app.ImportAsync(new TestRecipe().Step(FieldsShop.BookFields()).Products(Books()).WriteTo(folder.Path));
            answers[db] = [];
            foreach (var query in Queries)
            {
                answers[db].Add(await SearchTests.ResultsAsync(app, query));
            }

            app.Logs.AssertNoErrors();
        }

        for (var i = 0; i < Queries.Length; i++)
        {
            Assert.True(answers[Db.Sqlite][i].SequenceEqual(answers[Db.Postgres][i]),
                $"'{Queries[i]}': SQLite [{string.Join(", ", answers[Db.Sqlite][i])}], PostgreSQL [{string.Join(", ", answers[Db.Postgres][i])}]");
        }

        var found = Queries.Zip(answers[Db.Sqlite]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(["/products/wiring-notebook"], found["byron"]);
        Assert.Equal(["/products/wiring-notebook"], found["ada byron"]);
        // A hidden field is searched too; a choice field by its value.
        Assert.Equal(["/products/wiring-notebook"], found["quillfeather"]);
        Assert.Equal(["/products/wiring-notebook"], found["epub"]);
        Assert.Equal(["/products/wiring-notebook"], found["tweezers"]);
        // Markdown is searched as its text; a title still outranks a field value holding the same words.
        Assert.Equal("/products/soldering-for-makers", found["soldering iron"].First());
        Assert.Contains("/products/wiring-notebook", found["soldering iron"]);
        Assert.Equal("/products/home-network-hardening-checklist", found["network"].First());
        Assert.Contains("/products/wiring-notebook", found["network"]);
        Assert.Contains("/products/ledger-workbook", found["router"]);
        Assert.Contains("/products/ledger-workbook", found["beancount"]);
        Assert.Equal("/products/ledger-workbook", found["ledger"].First());
        // Links and numbers are not searchable: their values are addresses and figures.
        Assert.Empty(found["zeppelin"]);
        Assert.Empty(found["320"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AFieldValueFindsItsProductInSearchAndTheAdminListAndARemovedFieldsValueNoLongerMatchesUntilItIsRestored(Db db)
    {
        await using var app = await FieldsShop.StartAsync(db);
        var editor = await SignedInEditor.CreateAsync(app);
        var id = AdminRequests.SavedId(await FieldsShop.SaveProductAsync(editor, "CAN Bus Field Guide", FieldsShop.AllFilled()));

        Assert.Equal(["/products/can-bus-field-guide"], await SearchTests.ResultsAsync(app, "byron"));
        Assert.Equal(["/products/can-bus-field-guide"], await SearchTests.ResultsAsync(app, "printed twice"));
        Assert.Contains(">CAN Bus Field Guide</a>", await editor.Client.GetStringAsync("/admin/products?q=byron"));
        Assert.DoesNotContain(">CAN Bus Field Guide</a>", await editor.Client.GetStringAsync("/admin/products?q=hopper"));

        // The form saves the product, then its field values: the index follows the second save too.
        var changed = FieldsShop.AllFilled();
        changed["author"] = "Grace Hopper";
        var master = await app.WithDbAsync(d => d.Set<Product>().Select(p => p.MasterKey).SingleAsync());
        AdminRequests.SavedId(await FieldsShop.SaveProductAsync(editor, "CAN Bus Field Guide", changed, $"/admin/products/{id}", master));
        Assert.Empty(await SearchTests.ResultsAsync(app, "byron"));
        Assert.Equal(["/products/can-bus-field-guide"], await SearchTests.ResultsAsync(app, "hopper"));
        Assert.Contains(">CAN Bus Field Guide</a>", await editor.Client.GetStringAsync("/admin/products?q=hopper"));

        using var admin = await AdminSession.SignInAsync(app);
        var author = await app.WithDbAsync(d => d.Set<ContentField>().SingleAsync(f => f.Key == "author"));
        Assert.Equal(HttpStatusCode.Redirect, (await AdminSession.PostFormAsync(admin, $"/admin/fields/{author.Id}/remove", new())).StatusCode);
        Assert.Empty(await SearchTests.ResultsAsync(app, "hopper"));
        Assert.DoesNotContain(">CAN Bus Field Guide</a>", await editor.Client.GetStringAsync("/admin/products?q=hopper"));
        Assert.Equal(["/products/can-bus-field-guide"], await SearchTests.ResultsAsync(app, "twice"));

        Assert.Equal(HttpStatusCode.Redirect,
            (await AdminSession.PostFormAsync(admin, "/admin/fields", new(), $"/admin/fields?handler=Restore&id={author.Id}")).StatusCode);
        Assert.Equal(["/products/can-bus-field-guide"], await SearchTests.ResultsAsync(app, "hopper"));
        app.Logs.AssertNoErrors();
    }

    /// <summary>A shop upgraded from before field values were indexed has its index emptied by a migration and refilled at start.</summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnEmptiedIndexIsRefilledAtStartWithFieldValues(Db db)
    {
        using var folder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(db, folder);
        await using (var first = await StorefrontApp.StartAsync(db, shared, new TempFolder()))
        {
            using var recipe = new TempFolder();
            await first.ImportAsync(new TestRecipe().Step(FieldsShop.BookFields()).Products(Books()).WriteTo(recipe.Path));
            await first.WithDbAsync(context => context.Database.ExecuteSqlRawAsync("DELETE FROM catalog_search"));
        }

        await using var second = await StorefrontApp.StartAsync(db, shared, new TempFolder());

        await Eventually.HoldsAsync(async () => (await SearchTests.ResultsAsync(second, "quillfeather")).Contains("/products/wiring-notebook"), "the index was rebuilt");
        Assert.Equal(["/products/ledger-workbook"], await SearchTests.ResultsAsync(second, "beancount"));
        second.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ARestoredBackupIsSearchableByItsFieldValues()
    {
        using var backup = new TempFolder();
        await using (var source = await StorefrontApp.StartAsync())
        {
            using var recipe = new TempFolder();
            await source.ImportAsync(new TestRecipe().Step(FieldsShop.BookFields()).Products(Books()).WriteTo(recipe.Path));
            var written = await source.RunCliAsync("backup", backup.File("shop"));
            Assert.True(written.ExitCode == 0, written.All);
        }

        await using var target = await StorefrontApp.StartAsync();
        var restore = await target.RunCliAsync("restore", backup.File("shop"));
        Assert.True(restore.ExitCode == 0, restore.All);

        Assert.Equal(["/products/wiring-notebook"], await SearchTests.ResultsAsync(target, "quillfeather byron"));
        Assert.Equal(["/products/ledger-workbook"], await SearchTests.ResultsAsync(target, "beancount"));
        target.Logs.AssertNoErrors();
    }
}
