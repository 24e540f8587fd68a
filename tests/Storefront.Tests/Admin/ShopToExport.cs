using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Media.Library;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

/// <summary>
/// A shop with everything an export must carry: the demo's products (covers and masters) and pages, more pages in and out
/// of the navigation, a logo, library images (one renamed with alt text, one a cover its product no longer shows, one a
/// product's current cover), settings beyond the demo's, and a secret that must not travel.
/// </summary>
internal static class ShopToExport
{
    public static readonly byte[] Logo = TestRecipe.Png(40, 20);

    public static string DemoRecipe => Path.Combine(RepoPaths.Root, "recipes", "demo.recipe.json");

    public static async Task StageAsync(StorefrontApp app)
    {
        await app.ImportAsync(DemoRecipe);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
        var harbour = await StoreAsync("harbour.png", TestRecipe.Png(30, 30), MediaLibrary.LibraryFolder);
        (harbour.Name, harbour.AltText) = ("Harbour at dawn", "Fishing boats in the harbour at dawn");
        var diagram = await StoreAsync("wiring diagram.png", TestRecipe.Png(31, 17), MediaLibrary.LibraryFolder);
        var oldCover = await StoreAsync("first-cover.png", TestRecipe.Png(20, 28), "covers");
        var product = await db.Set<Product>().FirstAsync(p => p.Slug == "can-bus-field-guide");
        // The demo's import put the product's cover in the library; an editor then describes it.
        var currentCover = await db.Set<MediaAsset>().SingleAsync(a => a.Key == product.CoverKey);
        currentCover.AltText = "Cover of the CAN guide";
        db.AddRange(harbour, diagram, oldCover);
        db.AddRange(
            new ContentPage { CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Slug = "faq", Title = "Questions", Published = true, NavigationOrder = 2,
                Body = $"## Where are you?\n\n![{harbour.AltText}](/media/{harbour.Key})\n\nOur first cover: ![old](/media/{oldCover.Key})" },
            new ContentPage { CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Slug = "terms", Title = "Terms of sale", Published = true, NavigationOrder = 1, Body = "Digital goods, *no* shipping." },
            new ContentPage { CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow, Slug = "press", Title = "Press kit", Published = false, NavigationOrder = 9, Body = $"![diagram](/media/{diagram.Key.Replace(" ", "%20")})" });
        db.AddRange(
            new SiteSetting { Key = SettingKeys.LogoKey, Value = await scope.ServiceProvider.GetRequiredService<SiteLogo>().StoreAsync(Logo, default) },
            new SiteSetting { Key = SettingKeys.SellerName, Value = "Field Guides Ltd" },
            new SiteSetting { Key = SettingKeys.SellerAddress, Value = "1 Harbour Road\nBristol BS1 4AA" },
            new SiteSetting { Key = SettingKeys.SellerVatId, Value = "GB 123 4567 89" },
            new SiteSetting { Key = SettingKeys.DefaultDownloadUses, Value = "5" },
            new SiteSetting { Key = SettingKeys.DefaultDownloadExpiryHours, Value = "72" },
            new SiteSetting { Key = SettingKeys.Theme, Value = "Storefront" },
            new SiteSetting { Key = "Email:Smtp:Password", Value = "encrypted-secret-blob", Protected = true });
        await db.SaveChangesAsync();

        async Task<MediaAsset> StoreAsync(string name, byte[] bytes, string folder) =>
            (await library.StoreImageAsync(new MemoryStream(bytes), name, folder, default)).Asset!;
    }
}
