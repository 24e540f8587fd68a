using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

public sealed class SessionCookieTests
{
    [Fact]
    public async Task OutsideDevelopmentTheSessionCookieIsSecureHttpOnlyAndLax()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["environment"] = "Staging" });
        var email = await AdminSession.CreateUserAsync(app);
        using var client = AdminSession.NewClient(app);

        var response = await AdminSession.SignInAsync(client, email, AdminSession.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("storefront.admin=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KeepMeSignedInMakesTheCookieOutliveTheBrowserSession()
    {
        await using var app = await StorefrontApp.StartAsync();
        var email = await AdminSession.CreateUserAsync(app);
        using var client = AdminSession.NewClient(app);

        var response = await AdminSession.SignInAsync(client, email, AdminSession.Password, rememberMe: true);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("storefront.admin=", StringComparison.Ordinal));
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
