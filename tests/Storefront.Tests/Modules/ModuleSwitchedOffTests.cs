using System.Net;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Modules;

/// <summary>
/// An optional module (one no other module depends on) switched off takes its whole slice with it, admin pages,
/// menu entries and permissions, and the rest of the shop keeps answering.
/// </summary>
public sealed class ModuleSwitchedOffTests
{
    [Theory]
    // The library lists orders, so it goes with Payments: start is refused while a module it depends on is off.
    [InlineData(new[] { "Payments", "Library" }, new[] { "/admin/orders", "/admin/orders/1001", "/library" },
        new[] { "Dashboard", "Orders" }, new[] { "ViewOrders", "ManageOrders" },
        new[] { "/", "/products/book", "/admin", "/admin/audit", "/admin/settings", "/admin/users" })]
    // The shell carries the dashboard, the audit log and the settings page; every module's own screens stay.
    [InlineData(new[] { "Admin" }, new[] { "/admin", "/admin/audit", "/admin/settings", "/metrics" },
        new[] { "Audit log", "Settings" }, new[] { "ViewAuditLog", "ViewMetrics" }, new[] { "/", "/products/book", "/admin/orders", "/admin/products", "/admin/users" })]
    // Without templates every section and email is the built-in; the product page and the rest of the admin stay.
    [InlineData(new[] { "Templates" }, new[] { "/admin/templates", "/admin/templates/product.details" },
        new[] { "Templates" }, new[] { "ManageTemplates" }, new[] { "/", "/products/book", "/admin", "/admin/products", "/admin/orders" })]
    public async Task ASwitchedOffModuleTakesItsAdminPagesMenuEntriesAndPermissionsAndNothingElse(
        string[] off, string[] gonePages, string[] goneMenu, string[] gonePermissions, string[] stillAnswering)
    {
        await using var app = await StorefrontApp.StartAsync(overrides: off.ToDictionary(m => $"Modules:{m}:Enabled", _ => (string?)"false"));
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(folder.Path));
        using var admin = await AdminSession.SignInAsync(app, AdminRoles.Administrator);

        foreach (var path in gonePages)
        {
            Assert.True((await admin.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, $"{path} still answers with {string.Join(", ", off)} off");
        }

        foreach (var path in stillAnswering)
        {
            Assert.True((await admin.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"{path} broke with {string.Join(", ", off)} off");
        }

        var menu = await admin.GetStringAsync("/admin/users");
        Assert.All(goneMenu, title => Assert.DoesNotContain($">{title}</a>", menu));
        var roles = await admin.GetStringAsync("/admin/roles/Editor");
        Assert.All(gonePermissions, permission => Assert.DoesNotContain($"value=\"{permission}\"", roles));
        Assert.Contains("value=\"ManageContent\"", roles);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WithEveryModuleOnTheMenuAndRolesOfferWhatTheSwitchedOffModulesTake()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var admin = await AdminSession.SignInAsync(app, AdminRoles.Administrator);

        var menu = await admin.GetStringAsync("/admin/users");
        var roles = await admin.GetStringAsync("/admin/roles/Editor");

        Assert.All(["Dashboard", "Orders", "Settings", "Audit log"], title => Assert.Contains($">{title}</a>", menu));
        Assert.All(["ViewOrders", "ManageOrders", "ViewAuditLog"], permission => Assert.Contains($"value=\"{permission}\"", roles));
    }
}
