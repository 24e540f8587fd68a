using Storefront.Core.Security;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using static Storefront.Tests.Settings.SettingsStore;

namespace Storefront.Tests.Settings;

/// <summary>The settings page shows the sections of the enabled modules, and only those.</summary>
public sealed class SettingsSectionsTests
{
    [Fact]
    public async Task WithEveryModuleOnEachModulesSectionIsOnThePage()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var admin = await AdminLogin.ClientAsync(app, "owner@example.com", AdminRoles.Administrator);

        var page = await admin.GetStringAsync("/admin/settings");

        foreach (var part in new[] { "<legend>Shop</legend>", "<legend>Default download policy</legend>", "<legend>Outgoing email</legend>",
            "<legend>Stripe</legend>", "name=\"Form.StripeSecretKey\"", "<legend>Invoices</legend>", "name=\"Form.AttachToReceipt\"",
            "name=\"Form.SellerVatId\"", "name=\"Form.SmtpHost\"", "Upload logo", "Download recipe (.zip)" })
        {
            Assert.Contains(part, page);
        }

        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AModuleSwitchedOffTakesItsSectionWithItAndTheRestStillSaves()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?>
        {
            // Payments needs Downloads, and the library needs both: they go off together.
            ["Modules:Downloads:Enabled"] = "false", ["Modules:Payments:Enabled"] = "false", ["Modules:Library:Enabled"] = "false",
        });
        using var admin = await AdminLogin.ClientAsync(app, "owner@example.com", AdminRoles.Administrator);

        var page = await admin.GetStringAsync("/admin/settings");
        var saved = await SaveAsync(admin, ("Form.SiteName", "Without Payments"), ("Form.StripeSecretKey", "sk_test_ignored"), ("Form.DefaultDownloadUses", "9"));

        Assert.Contains("<legend>Shop</legend>", page);
        Assert.Contains("<legend>Outgoing email</legend>", page);
        // The export is composed from whichever modules are on, so it stays.
        Assert.Contains("Download recipe (.zip)", page);
        foreach (var gone in new[] { "<legend>Default download policy</legend>", "<legend>Stripe</legend>", "Form.StripeSecretKey", "Form.DefaultDownloadUses" })
        {
            Assert.DoesNotContain(gone, page);
        }

        Assert.Contains("Saved: site name", saved);
        Assert.DoesNotContain("Stripe secret key", saved);
        Assert.DoesNotContain("downloads per purchase", saved);
        using var buyer = app.CreateHttpClient();
        Assert.Contains("Without Payments", await buyer.GetStringAsync("/"));
        app.Logs.AssertNoErrors();
    }
}
