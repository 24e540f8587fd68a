using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Recipes;
using Storefront.Core.Settings;
using Storefront.Media.Library;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Recipes;

public sealed class RecipeImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ReimportingTheSameRecipeChangesNothing(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        using var folder = new TempFolder();
        var recipe = new TestRecipe().Settings("Field Guides").Products(
            TestRecipe.Product("one", "One"), TestRecipe.Product("two", "Two", published: false)).WriteTo(folder.Path);

        var first = await app.ImportAsync(recipe);
        var before = await SnapshotAsync(app);
        var second = await app.ImportAsync(recipe);
        var after = await SnapshotAsync(app);

        Assert.Equal(4, first.Changes); // site name, support email, two products
        Assert.Equal(0, second.Changes);
        Assert.Equal(before, after);
        Assert.Contains("\"Slug\":\"two\"", before);
    }

    [Fact]
    public async Task ChangedFieldsAreUpdatedInPlaceMatchedBySlug()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("one", "One", price: 1000)).WriteTo(folder.Path));
        var result = await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("one", "One, revised", price: 1500)).WriteTo(folder.Path));

        var products = await app.WithDbAsync(db => db.Set<Product>().ToListAsync());
        Assert.Equal(1, result.Changes);
        var product = Assert.Single(products);
        Assert.Equal(("One, revised", 1500L), (product.Title, product.PriceMinor));
    }

    public static TheoryData<string, Action<JsonObject, JsonObject>, string> BrokenRecipes => new()
    {
        { "unknown step", (recipe, _) => recipe["steps"]!.AsArray().Add(new JsonObject { ["name"] = "fireworks" }), "step 3, field 'name': unknown step 'fireworks'" },
        { "unknown theme", (recipe, _) => recipe["steps"]![0]!["theme"] = "Hacker",
            "step 1 ('settings'), field 'theme': 'Hacker' is not an installed theme; choose one of: Storefront, Journal" },
        { "line break in the site name", (recipe, _) => recipe["steps"]![0]!["siteName"] = "Shop\r\nX-Evil: 1",
            "step 1 ('settings'), field 'siteName': The site name holds an invisible control character" },
        { "tab in the seller name", (recipe, _) => recipe["steps"]![0]!["sellerName"] = "Field\tGuides Ltd",
            "step 1 ('settings'), field 'sellerName': The seller name holds an invisible control character" },
        { "description over a million characters", (_, product) => product["description"] = new string('a', 1_000_001),
            "field 'products[0].description': The description can be at most 1,000,000 characters; this one has 1,000,001." },
        { "missing title", (_, product) => product.Remove("title"), "step 2 ('products'), field 'products[0].title': is required" },
        { "control character in the title", (_, product) => product["title"] = "Bell\u0007 Guide",
            "step 2 ('products'), field 'products[0].title': must not hold control characters" },
        { "missing file", (_, product) => product["master"] = "media/nowhere.pdf", "step 2 ('products'), field 'products[0].master': file 'media/nowhere.pdf' was not found" },
        { "negative price", (_, product) => product["price"] = -5, "step 2 ('products'), field 'products[0].price': must not be negative" },
        { "duplicate slug", (recipe, product) => recipe["steps"]![1]!["products"]!.AsArray().Add(product.DeepClone()), "step 2 ('products'), field 'products[1].slug': duplicate slug 'good'" },
        { "bad currency", (_, product) => product["currency"] = "dollars", "field 'products[0].currency'" },
        { "currency no one pays in", (_, product) => product["currency"] = "zzz", "field 'products[0].currency': 'zzz' must be a three-letter ISO 4217 code" },
        { "price as text", (_, product) => product["price"] = "29.00", "field 'products[0].price': must be a whole number" },
        { "password-protected master", (recipe, product) => product["master"] = "media/locked.pdf",
            "field 'products[0].master': 'locked.pdf' cannot be sold: The PDF needs a password to open" },
        { "master named .pdf that is not a PDF", (recipe, product) => product["master"] = "media/renamed.pdf",
            "field 'products[0].master': 'renamed.pdf' cannot be sold: The file is not a PDF" },
        { "cover not an image", (_, product) => product["cover"] = "media/master.pdf", "field 'products[0].cover': 'master.pdf' is not a PNG, JPEG, GIF or WebP image" },
        { "logo not an image", (recipe, _) => recipe["steps"]![0]!["logo"] = "media/master.pdf",
            "step 1 ('settings'), field 'logo': 'master.pdf' is not a PNG, JPEG, GIF or WebP image" },
        { "logo missing", (recipe, _) => recipe["steps"]![0]!["logo"] = "media/logo.png", "step 1 ('settings'), field 'logo': file 'media/logo.png' was not found" },
        { "logo too large", (recipe, _) => recipe["steps"]![0]!["logo"] = "media/huge.png", "step 1 ('settings'), field 'logo': 'huge.png' is larger than 2 MB" },
        { "library image not an image", (recipe, _) => recipe["steps"]!.AsArray().Add(MediaStep(new JsonObject { ["file"] = "media/master.pdf" })),
            "step 3 ('media'), field 'media[0].file': 'master.pdf' is not a PNG, JPEG, GIF or WebP image" },
        { "library image without a file", (recipe, _) => recipe["steps"]!.AsArray().Add(MediaStep(new JsonObject { ["altText"] = "Lost" })),
            "step 3 ('media'), field 'media[0].file': is required" },
    };

    [Theory]
    [MemberData(nameof(BrokenRecipes))]
    public async Task BrokenRecipeIsRefusedWholeNamingStepAndField(string name, Action<JsonObject, JsonObject> breakIt, string expected)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var path = new TestRecipe().Settings("Should Not Stick").Products(TestRecipe.Product("good", "Good")).WriteTo(folder.Path);
        File.Copy(Path.Combine(RepoPaths.Shared, "fixtures", "pdfs", "encrypted-rc4-128-user-password-required.pdf"), folder.File("media/locked.pdf"));
        File.Copy(folder.File("media/cover.png"), folder.File("media/renamed.pdf"));
        // An image by its first bytes, one byte past the logo's limit.
        File.WriteAllBytes(folder.File("media/huge.png"), [.. TestRecipe.Png(8, 8), .. new byte[2 * 1024 * 1024]]);
        var recipe = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        breakIt(recipe, recipe["steps"]![1]!["products"]![0]!.AsObject());
        File.WriteAllText(path, recipe.ToJsonString());

        var error = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(path));

        Assert.Contains(error.Errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(name));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Product>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SiteSetting>().CountAsync()));
        Assert.Empty(Directory.Exists(app.Folder.File("storage")) ? Directory.GetFiles(app.Folder.File("storage"), "*", SearchOption.AllDirectories) : []);
    }

    /// <summary>A recipe's cover meets the limits an upload in the admin does, so the import is refused whole.</summary>
    [Theory]
    [InlineData("Media:MaxPixels", "1000", "'cover.png' cannot be a cover: The image is 64 × 48 pixels")]
    [InlineData("Media:MaxUploadBytes", "100", "'cover.png' cannot be a cover: The file is ")]
    public async Task ACoverOverTheMediaLimitsIsRefusedWhole(string setting, string limit, string expected)
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { [setting] = limit });
        using var folder = new TempFolder();
        var product = TestRecipe.Product("good", "Good");
        product["cover"] = "media/cover.png";
        var path = new TestRecipe().Settings("Should Not Stick").Products(product).WriteTo(folder.Path);

        var error = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(path));

        Assert.Contains(error.Errors, e => e.Contains("field 'products[0].cover': " + expected, StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Product>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task RecipeThatIsNotJsonIsRefusedWithItsPosition()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("bad.json"), "{\n  \"name\": \"x\",\n  \"steps\": [ { \"name\": }\n]}");

        var error = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(folder.File("bad.json")));

        Assert.Contains("not valid JSON (line 3", error.Message);
    }

    [Fact]
    public async Task CommandLineImportExitsNonZeroOnABadRecipeAndTheRunningShopShowsAGoodOneWithinSeconds()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        using var client = app.CreateHttpClient();
        Assert.DoesNotContain("Fresh Arrival", await client.GetStringAsync("/"));

        var bad = new TestRecipe().Products(TestRecipe.Product("fresh", "Fresh Arrival", price: -1)).WriteTo(folder.Path, "bad.json");
        var refused = await app.RunCliAsync("recipe", "import", bad);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("field 'products[0].price': must not be negative", refused.Error);
        Assert.Contains("Nothing was imported", refused.Error);

        var good = new TestRecipe().Products(TestRecipe.Product("fresh", "Fresh Arrival")).WriteTo(folder.Path, "good.json");
        var imported = await app.RunCliAsync("recipe", "import", good);
        Assert.True(imported.ExitCode == 0, imported.All);
        Assert.Contains("1 change(s)", imported.Output);
        // The import ran in another process: the shop's cached home page gives way at its next look for announced changes.
        await Eventually.HoldsAsync(async () => (await client.GetStringAsync("/")).Contains("Fresh Arrival", StringComparison.Ordinal),
            "the running shop showing the imported product", seconds: 10);

        var again = await app.RunCliAsync("recipe", "import", good);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing changed", again.Output);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task SetupRecipeIsImportedOnFirstStartOnly()
    {
        using var recipeFolder = new TempFolder();
        var recipe = new TestRecipe().Settings("First Start").Products(TestRecipe.Product("starter", "Starter")).WriteTo(recipeFolder.Path);
        using var databaseFolder = new TempFolder();
        var sameDatabase = new Dictionary<string, string?>
        {
            ["Setup:Recipe"] = recipe,
            ["ConnectionStrings:Storefront"] = $"Data Source={databaseFolder.File("storefront.db")}",
        };
        await using (var first = await StorefrontApp.StartAsync(Db.Sqlite, sameDatabase))
        {
            using var client = first.CreateHttpClient();
            Assert.Contains("Starter", await client.GetStringAsync("/"));
            await first.WithDbAsync(db => db.Set<Product>().ExecuteDeleteAsync());
        }

        // Same database, restarted: the operator's deletion stands, setup does not run again.
        await using var second = await StorefrontApp.StartAsync(Db.Sqlite, sameDatabase);
        using var secondClient = second.CreateHttpClient();
        var html = await secondClient.GetStringAsync("/");
        Assert.DoesNotContain("Starter", html);
        Assert.Contains("First Start", html);
    }

    /// <summary>
    /// Replicas of a new shop start at once on one empty PostgreSQL database (a compose file's first `up`): the setup
    /// recipe is imported by one of them, once, and none fails to start or logs an error.
    /// </summary>
    [Fact]
    public async Task InstancesStartingTogetherOnAnEmptyDatabaseImportTheSetupRecipeOnce()
    {
        using var recipeFolder = new TempFolder();
        var recipe = new TestRecipe().Settings("Started Together").Products(
            TestRecipe.Product("first-guide", "First Guide"), TestRecipe.Product("second-guide", "Second Guide")).WriteTo(recipeFolder.Path);
        using var databaseFolder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(Db.Postgres, databaseFolder);
        shared["Setup:Recipe"] = recipe;

        var instances = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StorefrontApp.StartAsync(Db.Postgres, shared, new TempFolder())));
        try
        {
            foreach (var app in instances)
            {
                using var client = app.CreateHttpClient();
                var html = await client.GetStringAsync("/");
                Assert.Contains("Started Together", html);
                Assert.Contains("Second Guide", html);
            }

            Assert.Single(instances.SelectMany(app => app.Logs.Lines), line => line.Contains("First-start setup imported recipe", StringComparison.Ordinal));
            Assert.Equal(2, await instances[0].WithDbAsync(db => db.Set<Product>().CountAsync()));
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

    [Fact]
    public async Task LibraryImagesAndTheLogoAreServedAfterImportAndAgainChangeNothing()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        var recipe = new TestRecipe()
            .Step(new JsonObject { ["name"] = "settings", ["siteName"] = "With Logo", ["logo"] = "media/cover.png" })
            .Step(MediaStep(
                new JsonObject { ["file"] = "media/cover.png", ["name"] = "Harbour", ["altText"] = "Boats at dawn" },
                new JsonObject { ["file"] = "media/cover.png", ["name"] = "Harbour", ["altText"] = "Boats at dawn" }))
            .WriteTo(folder.Path);

        var first = await app.ImportAsync(recipe);
        var second = await app.ImportAsync(recipe);

        Assert.Equal(3, first.Changes); // site name, logo, one library image (listed twice, matched by content and name)
        Assert.Equal(0, second.Changes);
        var asset = Assert.Single(await app.WithDbAsync(db => db.Set<MediaAsset>().ToListAsync()));
        Assert.Equal(("Harbour", "Boats at dawn", "recipe"), (asset.Name, asset.AltText, asset.UploadedBy));
        var logo = await app.WithDbAsync(db => db.Set<SiteSetting>().SingleAsync(s => s.Key == SettingKeys.LogoKey));
        using var client = app.CreateHttpClient();
        var cover = await File.ReadAllBytesAsync(folder.File("media/cover.png"));
        Assert.Equal(cover, await client.GetByteArrayAsync("/media/" + asset.Key));
        Assert.Equal(cover, await client.GetByteArrayAsync("/media/" + logo.Value));
        app.Logs.AssertNoErrors();
    }

    private static JsonObject MediaStep(params JsonObject[] items) => new() { ["name"] = "media", ["media"] = new JsonArray(items) };

    private static Task<string> SnapshotAsync(StorefrontApp app) => app.WithDbAsync(async db =>
    {
        var products = await db.Set<Product>().AsNoTracking().OrderBy(p => p.Slug).ToListAsync();
        var settings = await db.Set<SiteSetting>().AsNoTracking().OrderBy(s => s.Key).ToListAsync();
        return JsonSerializer.Serialize(new { products, settings });
    });
}
