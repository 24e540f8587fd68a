using System.Net;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

public sealed class SignInTests
{
    /// <summary>The one refusal for a wrong password, an unknown address and a locked account alike.</summary>
    public const string WrongOrLocked = "The email or password is wrong, or the account is locked for a while";

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnAdministratorSignsInAndSeesTheAdminHome(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var email = await AdminSession.CreateUserAsync(app);
        using var client = AdminSession.NewClient(app);

        var response = await AdminSession.SignInAsync(client, email, AdminSession.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("storefront.admin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var home = await client.GetStringAsync("/admin");
        Assert.Contains(email, home);
        Assert.Contains("Administrator", home);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AWrongPasswordAndAnUnknownEmailGetTheSameGenericMessage(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var email = await AdminSession.CreateUserAsync(app);
        using var client = AdminSession.NewClient(app);

        var wrongPassword = await AdminSession.SignInAsync(client, email, "not the password at all");
        var unknownEmail = await AdminSession.SignInAsync(client, "nobody@example.com", AdminSession.Password);

        foreach (var response in new[] { wrongPassword, unknownEmail })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(WrongOrLocked, html);
            Assert.DoesNotContain("storefront.admin=", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightPassword(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var email = await AdminSession.CreateUserAsync(app, AdminRoles.Editor);
        using var client = AdminSession.NewClient(app);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var html = await (await AdminSession.SignInAsync(client, email, $"wrong password {attempt}")).Content.ReadAsStringAsync();
            Assert.Contains(WrongOrLocked, html);
        }

        var fifth = await (await AdminSession.SignInAsync(client, email, "wrong password 5")).Content.ReadAsStringAsync();
        Assert.Contains(WrongOrLocked, fifth);

        var right = await AdminSession.SignInAsync(client, email, AdminSession.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(WrongOrLocked, await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = await AdminSession.SignInAsync(app);

        var response = await AdminSession.PostFormAsync(client, "/admin", [], action: "/admin/account/sign-out");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/account/sign-in", after.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task AReturnUrlOffTheSiteIsIgnoredAfterSignIn()
    {
        await using var app = await StorefrontApp.StartAsync();
        var email = await AdminSession.CreateUserAsync(app);
        using var client = AdminSession.NewClient(app);
        var token = await AdminSession.AntiforgeryTokenAsync(client, "/admin/account/sign-in");

        var response = await client.PostAsync("/admin/account/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = AdminSession.Password, ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }
}

internal static class UriExtensions
{
    /// <summary>The path and query of a Location header, whether the server sent it absolute or relative.</summary>
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
