using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog;

/// <summary>The active theme: chosen in the admin or a recipe, read per request by every instance, never a 500.</summary>
public sealed class ThemeSelectionTests
{
    private const string StorefrontCss = "/theme/site.css?v=";
    private const string JournalCss = "/themes/journal/journal.css?v=";

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AThemeChosenOnOneInstanceIsWhatEveryInstanceRendersWithinSeconds(Db db)
    {
        await using var first = await StorefrontApp.StartAsync(db);
        await using var second = await StorefrontApp.StartAsync(db, SameDatabase(first));
        using var folder = new TempFolder();
        await first.ImportAsync(new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("can-bus-field-guide", "CAN Bus Field Guide")).WriteTo(folder.Path));
        using var buyer = second.CreateHttpClient();
        Assert.Contains(StorefrontCss, await buyer.GetStringAsync("/"));

        using var admin = await AdminLogin.ClientAsync(first, "owner@example.com", AdminRoles.Administrator);
        var settings = await admin.GetStringAsync("/admin/settings");
        Assert.Contains("<option value=\"Journal\">Journal</option>", settings);
        Assert.Contains("Quiet and bookish", settings);
        await AdminForms.PostAndFollowAsync(admin, "/admin/settings", "/admin/settings", ("Form.SiteName", "Field Guides"), ("Form.Theme", "Journal"));
        using var sameInstance = first.CreateHttpClient();
        Assert.Contains(JournalCss, await sameInstance.GetStringAsync("/"));
        // The other instance reads the stored settings at its next poll (Settings__PollInterval, 2 s by default).
        var took = await Eventually.HoldsAsync(async () => (await buyer.GetStringAsync("/")).Contains(JournalCss), "The other instance rendering the new theme");
        Assert.True(took < TimeSpan.FromSeconds(5), $"The other instance took {took.TotalSeconds:0.0} s.");

        foreach (var path in new[] { "/", "/products/can-bus-field-guide" })
        {
            var html = await buyer.GetStringAsync(path);
            Assert.Contains(JournalCss, html);
            Assert.DoesNotContain(StorefrontCss, html);
        }

        var missing = await buyer.GetAsync("/products/no-such-guide");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(JournalCss, await missing.Content.ReadAsStringAsync());
        var css = await buyer.GetAsync(System.Text.RegularExpressions.Regex.Match(await buyer.GetStringAsync("/"), "href=\"(/themes/journal/journal\\.css[^\"]*)\"").Groups[1].Value);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--serif", await css.Content.ReadAsStringAsync());
        first.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AThemeThatIsNoLongerInstalledFallsBackToTheDefaultWithOneWarningAndNoError()
    {
        await using var chosen = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        // Recipes name themes case-insensitively and store the installed theme's own spelling.
        await chosen.ImportAsync(new TestRecipe().Settings("Field Guides").Step(new() { ["name"] = "settings", ["theme"] = "journal" })
            .Products(TestRecipe.Product("can-bus-field-guide", "CAN Bus Field Guide")).WriteTo(folder.Path));
        Assert.Equal("Journal", await chosen.WithDbAsync(d => d.Set<SiteSetting>().Where(s => s.Key == SettingKeys.Theme).Select(s => s.Value).SingleAsync()));

        // The same shop restarted without the Journal theme, as after removing it.
        await using var removed = await StorefrontApp.StartAsync(Db.Sqlite, new Dictionary<string, string?>(SameDatabase(chosen))
        {
            ["Modules:JournalTheme:Enabled"] = "false",
        });
        using var buyer = removed.CreateHttpClient();
        foreach (var path in new[] { "/", "/", "/products/can-bus-field-guide" })
        {
            var page = await buyer.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(StorefrontCss, await page.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync("/themes/journal/journal.css")).StatusCode);
        var warning = Assert.Single(removed.Logs.Warnings, w => w.Contains("theme", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("'Journal' is not installed", warning);
        using var admin = await AdminLogin.ClientAsync(removed, "owner@example.com", AdminRoles.Administrator);
        var settings = await admin.GetStringAsync("/admin/settings");
        Assert.Contains("is not installed</strong>", settings);
        Assert.DoesNotContain("<option value=\"Journal\"", settings);
        removed.Logs.AssertNoErrors();
        chosen.Logs.AssertNoErrors();
    }

    /// <summary>A second instance of the same shop: same database, its own process state and storage folder.</summary>
    private static Dictionary<string, string?> SameDatabase(StorefrontApp app) => new()
    {
        ["Database:Provider"] = app.Settings["Database:Provider"],
        ["ConnectionStrings:Storefront"] = app.Settings["ConnectionStrings:Storefront"],
    };
}
