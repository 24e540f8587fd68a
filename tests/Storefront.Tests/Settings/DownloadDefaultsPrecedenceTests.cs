using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Security;
using Storefront.Downloads.Entitlements;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using static Storefront.Tests.Settings.SettingsStore;

namespace Storefront.Tests.Settings;

/// <summary>
/// The download defaults a purchase gets and the gate enforces, for a product that sets none of its own:
/// appsettings (3 uses, 24 hours) &lt; the admin's policy &lt; <c>Downloads__DefaultUses</c>/<c>DefaultExpiryHours</c>.
/// </summary>
public sealed class DownloadDefaultsPrecedenceTests
{
    [Fact]
    public async Task WithNothingElseSetAPurchaseGetsTheAppsettingsDefaults()
    {
        await using var shop = await ShopWithStripe.StartAsync();

        var (entitlement, link) = await BuyWithoutLimitsAsync(shop);

        Assert.Equal((3, 24.0), (entitlement.UsesAllowed, Math.Round((entitlement.ExpiresAt - entitlement.CreatedAt).TotalHours)));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden], await DownloadTimesAsync(shop, link, 4));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheEnvironmentsDownloadDefaultsWinOverThePolicySavedInTheAdminForThePurchaseAndTheGate()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Downloads:DefaultUses"] = "2", ["Downloads:DefaultExpiryHours"] = "5",
        });
        using var admin = await AdminLogin.ClientAsync(shop.App, "owner@example.com", AdminRoles.Administrator);
        Assert.Contains("Saved: ", await SaveAsync(admin, ("Form.DefaultDownloadUses", "7"), ("Form.DefaultDownloadExpiryHours", "48")));

        var (entitlement, link) = await BuyWithoutLimitsAsync(shop);

        Assert.Equal((2, 5.0), (entitlement.UsesAllowed, Math.Round((entitlement.ExpiresAt - entitlement.CreatedAt).TotalHours)));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden], await DownloadTimesAsync(shop, link, 3));
        shop.App.Logs.AssertNoErrors();
    }

    private static async Task<(Entitlement Entitlement, string Link)> BuyWithoutLimitsAsync(ShopWithStripe shop)
    {
        using var recipe = new TempFolder();
        var product = TestRecipe.Product("no-limits", "No Limits");
        product.Remove("downloadUses");
        product.Remove("downloadExpiryHours");
        await shop.App.ImportAsync(new TestRecipe().Products(product).WriteTo(recipe.Path));
        var purchase = await shop.BuyAsync("defaults@example.com", "Defaults", slug: "no-limits");
        var link = Assert.Single(ShopWithStripe.DownloadLinks(purchase.Page));
        return (await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync()), link);
    }

    private static async Task<HttpStatusCode[]> DownloadTimesAsync(ShopWithStripe shop, string link, int times)
    {
        using var client = shop.App.CreateHttpClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            statuses.Add((await client.GetAsync(link)).StatusCode);
        }

        return [.. statuses];
    }
}
