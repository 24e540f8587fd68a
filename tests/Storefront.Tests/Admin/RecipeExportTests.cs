using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Media.Storage;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

public sealed class RecipeExportTests
{
    private static string DemoRecipe => Path.Combine(RepoPaths.Root, "recipes", "demo.recipe.json");

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheCommandLineExportImportedIntoAnEmptyShopReproducesProductsSettingsAndMasterBytes(Db db)
    {
        await using var source = await StorefrontApp.StartAsync(db);
        await source.ImportAsync(DemoRecipe);
        await StageSettingsAsync(source);
        using var export = new TempFolder();

        var run = await source.RunCliAsync("recipe", "export", export.File("shop.recipe.json"));

        Assert.True(run.ExitCode == 0, run.All);
        Assert.Contains("Recipe written to", run.Output);
        var json = await File.ReadAllTextAsync(export.File("shop.recipe.json"));
        Assert.DoesNotContain("secret", json, StringComparison.OrdinalIgnoreCase);
        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(export.File("shop.recipe.json"));
        await AssertSameCatalogueAsync(source, target);
    }

    [Fact]
    public async Task TheSettingsButtonDownloadsAZipThatImportsIntoAnEmptyShopAndTheExportIsAudited()
    {
        await using var source = await StorefrontApp.StartAsync();
        await source.ImportAsync(DemoRecipe);
        await StageSettingsAsync(source);
        using var admin = await AdminLogin.ClientAsync(source, "owner@example.com", AdminRoles.Administrator);

        var response = await AdminForms.PostAsync(admin, "/admin/settings", "/admin/settings?handler=Export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        using var unpacked = new TempFolder();
        using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
        {
            zip.ExtractToDirectory(unpacked.Path);
            Assert.Contains(zip.Entries, e => e.FullName == "recipe.json");
            Assert.Contains(zip.Entries, e => e.FullName.StartsWith("media/", StringComparison.Ordinal));
        }

        await using var target = await StorefrontApp.StartAsync();
        await target.ImportAsync(Path.Combine(unpacked.Path, "recipe.json"));
        await AssertSameCatalogueAsync(source, target);
        var entry = await source.WithDbAsync(d => d.Set<AuditEntry>().SingleAsync(e => e.Action == "recipe.exported"));
        Assert.Equal("owner@example.com", entry.UserName);
        source.Logs.AssertNoErrors();
    }

    /// <summary>Settings beyond the demo's, and a secret that must not travel.</summary>
    private static Task StageSettingsAsync(StorefrontApp app) => app.WithDbAsync(async d =>
    {
        d.AddRange(
            new SiteSetting { Key = SettingKeys.SellerName, Value = "Field Guides Ltd" },
            new SiteSetting { Key = SettingKeys.SellerAddress, Value = "1 Harbour Road\nBristol BS1 4AA" },
            new SiteSetting { Key = SettingKeys.DefaultDownloadUses, Value = "5" },
            new SiteSetting { Key = SettingKeys.DefaultDownloadExpiryHours, Value = "72" },
            new SiteSetting { Key = SettingKeys.Theme, Value = "Storefront" },
            new SiteSetting { Key = SettingKeys.SecretPrefix + "Email:Smtp:Password", Value = "encrypted-secret-blob" });
        return await d.SaveChangesAsync();
    });

    private static async Task AssertSameCatalogueAsync(StorefrontApp source, StorefrontApp target)
    {
        var expected = await source.WithDbAsync(d => d.Set<Product>().OrderBy(p => p.Slug).ToListAsync());
        var actual = await target.WithDbAsync(d => d.Set<Product>().OrderBy(p => p.Slug).ToListAsync());
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(Fields), actual.Select(Fields));
        foreach (var (before, after) in expected.Zip(actual))
        {
            Assert.Equal(await BytesAsync(source, BlobArea.Private, before.MasterKey!), await BytesAsync(target, BlobArea.Private, after.MasterKey!));
            if (before.CoverKey is not null)
            {
                Assert.Equal(await BytesAsync(source, BlobArea.Public, before.CoverKey), await BytesAsync(target, BlobArea.Public, after.CoverKey!));
            }
        }

        var settings = await source.WithDbAsync(d => d.Set<SiteSetting>().Where(s => !s.Key.StartsWith("secret.")).OrderBy(s => s.Key)
            .Select(s => s.Key + "=" + s.Value).ToListAsync());
        var imported = await target.WithDbAsync(d => d.Set<SiteSetting>().OrderBy(s => s.Key).Select(s => s.Key + "=" + s.Value).ToListAsync());
        Assert.Equal(settings, imported);
    }

    private static string Fields(Product p) => string.Join(" | ", p.Slug, p.Title, p.Description, p.PriceMinor, p.Currency, p.MasterFileName,
        p.CoverKey, p.MasterKey, p.DownloadUses, p.DownloadExpiryHours, p.Published);

    private static async Task<byte[]> BytesAsync(StorefrontApp app, BlobArea area, string key)
    {
        await using var stream = await app.Services.GetRequiredService<IBlobStore>().OpenReadAsync(area, BlobKey.Parse(key));
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        return copy.ToArray();
    }
}
