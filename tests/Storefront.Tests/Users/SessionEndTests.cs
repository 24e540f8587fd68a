using System.Net;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

/// <summary>
/// A copy of the admin cookie (a stolen one, or one left on a shared computer) stops working the moment its
/// user signs out, changes password or two-factor, changes role or is removed, on every instance of the shop.
/// </summary>
public sealed class SessionEndTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ACopiedCookieStopsOpeningTheAdminOnEveryInstanceOnceItsUserSignsOut(Db db)
    {
        using var folder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(db, folder);
        await using var first = await StorefrontApp.StartAsync(db, shared, new TempFolder());
        await using var second = await StorefrontApp.StartAsync(db, shared, new TempFolder());
        var email = await AdminSession.CreateUserAsync(first);
        using var browser = AdminSession.NewClient(first);
        var cookie = SessionCookie(await AdminSession.SignInAsync(browser, email, AdminSession.Password));
        using var copyOnFirst = ClientWithCookie(first, cookie);
        using var copyOnSecond = ClientWithCookie(second, cookie);
        Assert.Equal(HttpStatusCode.OK, (await copyOnFirst.GetAsync("/admin/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copyOnSecond.GetAsync("/admin/settings")).StatusCode);

        var signedOut = await AdminSession.PostFormAsync(browser, "/admin", [], action: "/admin/account/sign-out");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        await AssertSentToSignInAsync(copyOnFirst);
        await AssertSentToSignInAsync(copyOnSecond);
        first.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ANewPasswordEndsTheSessionsOpenedWithTheOldOne()
    {
        await using var app = await StorefrontApp.StartAsync();
        var email = await AdminSession.CreateUserAsync(app);
        using var copy = await SignedInCopyAsync(app, email);
        using var client = AdminSession.NewClient(app);

        await AdminSession.PostFormAsync(client, "/admin/account/forgot-password", new() { ["Email"] = email });
        var link = new Uri(await AdminMail.WaitForLinkAsync(app, email));
        const string newPassword = "a brand new passphrase";
        var reset = await AdminSession.PostFormAsync(client, link.PathAndQuery, new() { ["Password"] = newPassword, ["ConfirmPassword"] = newPassword });

        Assert.Contains("Your password is set.", await reset.Content.ReadAsStringAsync());
        await AssertSentToSignInAsync(copy);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ANewRoleOrRemovalEndsTheSessionsOfThatUser()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var administrator = await AdminSession.SignInAsync(app);
        var promotedEmail = await AdminSession.CreateUserAsync(app, AdminRoles.Editor);
        var removedEmail = await AdminSession.CreateUserAsync(app, AdminRoles.Editor);
        using var promoted = await SignedInCopyAsync(app, promotedEmail);
        using var removed = await SignedInCopyAsync(app, removedEmail);

        await AdminSession.PostFormAsync(administrator, "/admin/users", new() { ["role"] = AdminRoles.Administrator },
            $"/admin/users?handler=Role&id={await StoredUsers.IdOfAsync(app, promotedEmail)}");
        await AdminSession.PostFormAsync(administrator, "/admin/users", [], $"/admin/users?handler=Remove&id={await StoredUsers.IdOfAsync(app, removedEmail)}");

        await AssertSentToSignInAsync(promoted);
        await AssertSentToSignInAsync(removed);
        Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync("/admin/settings")).StatusCode);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TurningTwoFactorOnEndsTheUsersOtherSessionsButNotTheOneThatDidIt()
    {
        await using var app = await StorefrontApp.StartAsync();
        var email = await AdminSession.CreateUserAsync(app);
        using var other = await SignedInCopyAsync(app, email);
        using var client = AdminSession.NewClient(app);
        await AdminSession.SignInAsync(client, email, AdminSession.Password);

        var key = TwoFactorTests.SharedKey(await client.GetStringAsync("/admin/account/two-factor"));
        var enabled = await AdminSession.PostFormAsync(client, "/admin/account/two-factor", new() { ["Code"] = Totp.Code(key) }, "/admin/account/two-factor?handler=Enable");

        Assert.Contains("Two-factor authentication is on", await enabled.Content.ReadAsStringAsync());
        await AssertSentToSignInAsync(other);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/settings")).StatusCode);
        app.Logs.AssertNoErrors();
    }

    /// <summary>Signs <paramref name="email"/> in and returns a separate client holding only a copy of the session cookie, proven to work.</summary>
    private static async Task<HttpClient> SignedInCopyAsync(StorefrontApp app, string email)
    {
        using var browser = AdminSession.NewClient(app);
        var copy = ClientWithCookie(app, SessionCookie(await AdminSession.SignInAsync(browser, email, AdminSession.Password)));
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin")).StatusCode);
        return copy;
    }

    /// <summary>The session cookie a sign-in set, as a <c>Cookie</c> header value (every chunk of it, should it be split).</summary>
    private static string SessionCookie(HttpResponseMessage signIn)
    {
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var parts = signIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith(Storefront.Users.Services.IdentityServiceCollectionExtensions.CookieName, StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(parts);
        return string.Join("; ", parts);
    }

    private static HttpClient ClientWithCookie(StorefrontApp app, string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task AssertSentToSignInAsync(HttpClient copy)
    {
        var response = await copy.GetAsync("/admin/settings");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/account/sign-in", response.Headers.Location!.PathAndQuery());
    }
}
