using Storefront.Core.Display;
using Storefront.Themes.Admin;

namespace Storefront.Tests.Admin;

/// <summary>The admin menu shows the dashboard once and marks exactly one entry current: the longest address the page lies under.</summary>
public sealed class AdminNavigationTests
{
    private static readonly AdminMenuItem Dashboard = new("Dashboard", "/admin", "ViewOrders");
    private static readonly AdminMenuItem Products = new("Products", "/admin/products", "ManageContent");
    private static readonly AdminMenuItem Pages = new("Pages", "/admin/pages", "ManageContent");

    [Theory]
    [InlineData("/admin", "Dashboard")]
    [InlineData("/admin/products", "Products")]
    [InlineData("/admin/products/0193a1b2-0000-7000-8000-000000000000/licenses", "Products")]
    [InlineData("/admin/pagesettings", "Dashboard")]
    [InlineData("/admin/account/two-factor", "Dashboard")]
    public void TheLongestMenuAddressThePageLiesUnderIsCurrent(string path, string current)
    {
        var navigation = AdminNavigation.For([Dashboard, Products, Pages], path);

        Assert.Equal(current, navigation.Current?.Title);
        Assert.Equal(["Dashboard", "Products", "Pages"], navigation.Items.Select(i => i.Title));
    }

    [Fact]
    public void WithoutTheDashboardAPlainHomeLinkLeadsTheMenu()
    {
        var navigation = AdminNavigation.For([Products, Pages], "/admin");

        Assert.Equal(["Home", "Products", "Pages"], navigation.Items.Select(i => i.Title));
        Assert.Equal("/admin", navigation.Current?.Url);
    }

    [Fact]
    public void OutsideTheAdminNothingIsCurrent() => Assert.Null(AdminNavigation.For([Dashboard, Products], "/cart").Current);
}
