using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Media.Library;
using Storefront.Media.Storage;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

public sealed partial class RecipeExportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheCommandLineExportImportedIntoAnEmptyShopReproducesItAndImportingItAgainChangesNothing(Db db)
    {
        await using var source = await StorefrontApp.StartAsync(db);
        await ShopToExport.StageAsync(source);
        using var export = new TempFolder();

        var run = await source.RunCliAsync("recipe", "export", export.File("shop.recipe.json"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("Recipe written to", run.Output);
        Assert.Contains("4 product(s), 5 page(s), 3 library image(s)", run.Output);
        var json = await File.ReadAllTextAsync(export.File("shop.recipe.json"));
        Assert.DoesNotContain("secret", json, StringComparison.OrdinalIgnoreCase);
        var steps = JsonNode.Parse(json)!["steps"]!.AsArray();
        Assert.Equal(["settings", "media", "products", "pages"], steps.Select(s => (string)s!["name"]!));
        Assert.Equal("media/logo.png", (string)steps[0]!["logo"]!);
        Assert.Equal(ShopToExport.Logo, await File.ReadAllBytesAsync(export.File("media/logo.png")));

        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(export.File("shop.recipe.json"));
        await AssertSameShopAsync(source, target);

        var before = await SnapshotAsync(target);
        var again = await target.ImportAsync(export.File("shop.recipe.json"));
        Assert.Equal(0, again.Changes);
        Assert.Equal(before, await SnapshotAsync(target));

        // Whatever any module's steps export survives the round trip: the new shop writes the same recipe and files back.
        using var reexport = new TempFolder();
        var rerun = await target.RunCliAsync("recipe", "export", reexport.File("shop.recipe.json"));
        Assert.True(rerun.ExitCode == 0, rerun.All);
        Assert.Equal(await ComparableRecipeAsync(export), await ComparableRecipeAsync(reexport));
        Assert.Equal(ExportedFiles(export), ExportedFiles(reexport));
        target.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AStoredFileMissingFromStorageStopsTheExportWithAMessageNamingItNotAStackTrace()
    {
        await using var source = await StorefrontApp.StartAsync();
        await ShopToExport.StageAsync(source);
        var product = await source.WithDbAsync(db => db.Set<Product>().OrderBy(p => p.Slug).FirstAsync(p => p.MasterKey != null));
        File.Delete(Path.Combine([source.Folder.File("storage"), "private", .. BlobKey.Parse(product.MasterKey!).Segments]));
        using var export = new TempFolder();
        using var admin = await AdminLogin.ClientAsync(source, "owner@example.com", AdminRoles.Administrator);

        var run = await source.RunCliAsync("recipe", "export", export.File("shop.recipe.json"));
        var button = await AdminForms.PostAsync(admin, "/admin/settings", "/admin/settings?handler=Export");
        var page = await admin.GetStringAsync("/admin/settings");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"is missing from storage (private/{product.MasterKey})", run.Error);
        Assert.Contains("The export was not completed.", run.Error);
        Assert.DoesNotContain("   at ", run.All);
        Assert.Equal(HttpStatusCode.Redirect, button.StatusCode);
        Assert.Contains("is missing from storage", System.Net.WebUtility.HtmlDecode(page));
        source.Logs.AssertNoErrors();
    }

    /// <summary>Each step comes from the module that owns it, so exporting needs no admin module: the catalogue exports without them.</summary>
    [Fact]
    public async Task WithTheOrderAndSettingsScreensSwitchedOffTheCommandLineStillExportsTheCatalogue()
    {
        await using var source = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Modules:Payments:Enabled"] = "false",
            ["Modules:Library:Enabled"] = "false", // the buyer's library is made of Payments' orders
            ["Modules:Admin:Enabled"] = "false",
        });
        using var recipe = new TempFolder();
        await source.ImportAsync(new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("book", "Book")).WriteTo(recipe.Path));
        using var export = new TempFolder();

        var run = await source.RunCliAsync("recipe", "export", export.File("shop.recipe.json"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("1 product(s), 0 page(s), 0 library image(s), 2 file(s) in media/.", run.Output);
        var steps = JsonNode.Parse(await File.ReadAllTextAsync(export.File("shop.recipe.json")))!["steps"]!.AsArray();
        Assert.Equal(["settings", "products"], steps.Select(s => (string)s!["name"]!));
        Assert.Equal("book", (string?)steps[1]!["products"]![0]!["slug"]);
    }

    /// <summary>A theme switched off since it was chosen is left out of the export, which then imports cleanly.</summary>
    [Fact]
    public async Task AThemeNoLongerInstalledIsLeftOutOfTheExport()
    {
        await using var source = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["Modules:JournalTheme:Enabled"] = "false" });
        using var recipe = new TempFolder();
        await source.ImportAsync(new TestRecipe().Settings("Field Guides").WriteTo(recipe.Path));
        await source.WithDbAsync(async d =>
        {
            d.Add(new SiteSetting { Key = SettingKeys.Theme, Value = "Journal" });
            return await d.SaveChangesAsync();
        });
        using var export = new TempFolder();

        var run = await source.RunCliAsync("recipe", "export", export.File("shop.recipe.json"));
        await using var target = await StorefrontApp.StartAsync();
        var imported = await target.ImportAsync(export.File("shop.recipe.json"));

        Assert.Equal(0, run.ExitCode);
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(export.File("shop.recipe.json")))!["steps"]![0]!;
        Assert.Equal("Field Guides", (string?)settings["siteName"]);
        Assert.Null(settings["theme"]);
        Assert.True(imported.Changes > 0);
    }

    [Fact]
    public async Task TheSettingsButtonDownloadsAZipThatImportsIntoAnEmptyShopAndTheExportIsAudited()
    {
        await using var source = await StorefrontApp.StartAsync();
        await ShopToExport.StageAsync(source);
        using var admin = await AdminLogin.ClientAsync(source, "owner@example.com", AdminRoles.Administrator);

        var response = await AdminForms.PostAsync(admin, "/admin/settings", "/admin/settings?handler=Export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var unpacked = new TempFolder();
        using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
        {
            zip.ExtractToDirectory(unpacked.Path);
            Assert.Contains(zip.Entries, e => e.FullName == "recipe.json");
            Assert.Contains(zip.Entries, e => e.FullName == "media/logo.png");
        }

        await using var target = await StorefrontApp.StartAsync();
        await target.ImportAsync(Path.Combine(unpacked.Path, "recipe.json"));
        await AssertSameShopAsync(source, target);
        var entry = await source.WithDbAsync(d => d.Set<AuditEntry>().SingleAsync(e => e.Action == "recipe.exported"));
        Assert.Equal("owner@example.com", entry.UserName);
        source.Logs.AssertNoErrors();
    }

    private static async Task AssertSameShopAsync(StorefrontApp source, StorefrontApp target)
    {
        var expected = await source.WithDbAsync(d => d.Set<Product>().OrderBy(p => p.Slug).ToListAsync());
        var actual = await target.WithDbAsync(d => d.Set<Product>().OrderBy(p => p.Slug).ToListAsync());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(Fields), actual.Select(Fields));
        foreach (var (before, after) in expected.Zip(actual))
        {
            Assert.Equal(await BytesAsync(source, BlobArea.Private, before.MasterKey!), await BytesAsync(target, BlobArea.Private, after.MasterKey!));
            Assert.Equal(await BytesAsync(source, BlobArea.Public, before.CoverKey!), await BytesAsync(target, BlobArea.Public, after.CoverKey!));
        }

        var settings = await source.WithDbAsync(d => d.Set<SiteSetting>().Where(s => !s.Protected).OrderBy(s => s.Key)
            .Select(s => s.Key + "=" + s.Value).ToListAsync());
        var imported = await target.WithDbAsync(d => d.Set<SiteSetting>().OrderBy(s => s.Key).Select(s => s.Key + "=" + s.Value).ToListAsync());
        Assert.Equal(settings, imported);
        var logo = await target.WithDbAsync(d => d.Set<SiteSetting>().Where(s => s.Key == SettingKeys.LogoKey).Select(s => s.Value).SingleAsync());
        Assert.Equal(ShopToExport.Logo, await BytesAsync(target, BlobArea.Public, logo));

        await AssertSamePagesAsync(source, target);
        await AssertSameLibraryAsync(source, target);
    }

    /// <summary>Every field of every page; an image a page shows must show the same bytes in the new shop.</summary>
    private static async Task AssertSamePagesAsync(StorefrontApp source, StorefrontApp target)
    {
        var expected = await source.WithDbAsync(d => d.Set<ContentPage>().OrderBy(p => p.Slug).ToListAsync());
        var actual = await target.WithDbAsync(d => d.Set<ContentPage>().OrderBy(p => p.Slug).ToListAsync());
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected.Select(PageFields), actual.Select(PageFields));
        foreach (var (before, after) in expected.Zip(actual))
        {
            var (links, newLinks) = (MediaLink().Matches(before.Body), MediaLink().Matches(after.Body));
            Assert.Equal(links.Count, newLinks.Count);
            foreach (var (link, newLink) in links.Zip(newLinks))
            {
                Assert.Equal(await PublicBytesAsync(source, link.Value), await PublicBytesAsync(target, newLink.Value));
            }
        }

        // The library's own images keep their address, so links copied from the admin elsewhere keep working too.
        Assert.Contains(actual, p => p.Body == expected.Single(e => e.Slug == "press").Body);
        Assert.Equal(await NavigationAsync(source), await NavigationAsync(target));
    }

    /// <summary>The library's images; a product's current cover travels with its product and joins the library again on import.</summary>
    private static async Task AssertSameLibraryAsync(StorefrontApp source, StorefrontApp target)
    {
        var covers = await source.WithDbAsync(d => d.Set<Product>().Select(p => p.CoverKey).ToListAsync());
        var coverAssets = await target.WithDbAsync(d => d.Set<Product>().Where(p => p.CoverKey != null).Select(p => p.CoverKey).ToListAsync());
        var expected = await source.WithDbAsync(d => d.Set<MediaAsset>().Where(a => !covers.Contains(a.Key)).OrderBy(a => a.Name).ToListAsync());
        var actual = await target.WithDbAsync(d => d.Set<MediaAsset>().Where(a => !coverAssets.Contains(a.Key)).OrderBy(a => a.Name).ToListAsync());
        Assert.Equal(3, expected.Count);
        // Every cover is in the new library; the one the source's library described keeps its alternative text.
        var coverAlts = await target.WithDbAsync(d => d.Set<MediaAsset>().Where(a => coverAssets.Contains(a.Key)).Select(a => a.AltText).ToListAsync());
        Assert.Equal(coverAssets.Count, coverAlts.Count);
        Assert.Contains("Cover of the CAN guide", coverAlts);
        Assert.Equal(expected.Select(a => (a.Name, a.AltText, a.ContentType, a.Length)), actual.Select(a => (a.Name, a.AltText, a.ContentType, a.Length)));
        foreach (var (before, after) in expected.Zip(actual))
        {
            Assert.Equal(await BytesAsync(source, BlobArea.Public, before.Key), await BytesAsync(target, BlobArea.Public, after.Key));
            Assert.True(!before.Key.StartsWith("media/", StringComparison.Ordinal) || before.Key == after.Key, $"{before.Key} became {after.Key}");
        }
    }

    private static string Fields(Product p) => string.Join(" | ", p.Slug, p.Title, p.Description, p.PriceMinor, p.Currency, p.MasterFileName,
        p.CoverKey, p.MasterKey, p.DownloadUses, p.DownloadExpiryHours, p.Published);

    private static string PageFields(ContentPage p) =>
        string.Join(" | ", p.Slug, p.Title, p.Published, p.NavigationOrder, MediaLink().Replace(p.Body, "/media/(image)"));

    private static async Task<List<string>> NavigationAsync(StorefrontApp app)
    {
        using var client = app.CreateHttpClient();
        return PageLink().Matches(await client.GetStringAsync("/")).Select(m => m.Value).ToList();
    }

    private static async Task<byte[]> PublicBytesAsync(StorefrontApp app, string link)
    {
        using var client = app.CreateHttpClient();
        return await client.GetByteArrayAsync(link);
    }

    private static async Task<byte[]> BytesAsync(StorefrontApp app, BlobArea area, string key)
    {
        await using var stream = await app.Services.GetRequiredService<IBlobStore>().OpenReadAsync(area, BlobKey.Parse(key));
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The exported recipe, with the library's images in file order: their order follows storage keys, which import may change.</summary>
    private static async Task<string> ComparableRecipeAsync(TempFolder export)
    {
        var steps = JsonNode.Parse(await File.ReadAllTextAsync(export.File("shop.recipe.json")))!["steps"]!.AsArray();
        var media = steps.Single(s => (string?)s!["name"] == "media")!;
        media["media"] = new JsonArray(media["media"]!.AsArray().OrderBy(i => (string?)i!["file"], StringComparer.Ordinal).Select(i => i!.DeepClone()).ToArray());
        return steps.ToJsonString();
    }

    private static List<string> ExportedFiles(TempFolder export)
    {
        var media = export.File("media");
        return Directory.GetFiles(media, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(media, f) + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<string> SnapshotAsync(StorefrontApp app)
    {
        var rows = await app.WithDbAsync(async d => JsonSerializer.Serialize(new
        {
            products = await d.Set<Product>().AsNoTracking().OrderBy(p => p.Slug).ToListAsync(),
            pages = await d.Set<ContentPage>().AsNoTracking().OrderBy(p => p.Slug).ToListAsync(),
            media = await d.Set<MediaAsset>().AsNoTracking().OrderBy(a => a.Key).ToListAsync(),
            settings = await d.Set<SiteSetting>().AsNoTracking().OrderBy(s => s.Key).ToListAsync(),
        }));
        var storage = app.Folder.File("storage");
        var files = Directory.GetFiles(storage, "*", SearchOption.AllDirectories).Order().Select(f => $"{f} {File.GetLastWriteTimeUtc(f):O}");
        return rows + string.Join("\n", files);
    }

    [GeneratedRegex(@"/media/[^\s)""]+")]
    private static partial Regex MediaLink();

    [GeneratedRegex(@"href=""/pages/[a-z0-9-]+""")]
    private static partial Regex PageLink();
}
