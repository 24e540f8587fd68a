using System.Net;
using System.Text.RegularExpressions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

public sealed partial class TwoFactorTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AfterEnablingTwoFactorSignInNeedsTheAuthenticatorCode(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var (email, key, _) = await EnableTwoFactorAsync(app);
        using var client = AdminSession.NewClient(app);

        var first = await AdminSession.SignInAsync(client, email, AdminSession.Password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/admin/account/sign-in/code", first.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);

        var wrong = await AdminSession.PostFormAsync(client, first.Headers.Location!.PathAndQuery(), new() { ["Input.Code"] = WrongCode(key) });
        Assert.Contains("That code is not valid", await wrong.Content.ReadAsStringAsync());

        var right = await AdminSession.PostFormAsync(client, first.Headers.Location!.PathAndQuery(), new() { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/admin", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ARecoveryCodeSignsInOnceInsteadOfTheAuthenticatorCode(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var (email, _, recoveryCodes) = await EnableTwoFactorAsync(app);
        Assert.Equal(10, recoveryCodes.Count);

        using (var client = AdminSession.NewClient(app))
        {
            var first = await AdminSession.SignInAsync(client, email, AdminSession.Password);
            var response = await AdminSession.PostFormAsync(client, first.Headers.Location!.PathAndQuery(), new() { ["Input.Code"] = recoveryCodes[0] });
            Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        }

        using (var again = AdminSession.NewClient(app))
        {
            var first = await AdminSession.SignInAsync(again, email, AdminSession.Password);
            var reused = await AdminSession.PostFormAsync(again, first.Headers.Location!.PathAndQuery(), new() { ["Input.Code"] = recoveryCodes[0] });
            Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
            Assert.Contains("That code is not valid", await reused.Content.ReadAsStringAsync());
        }

        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheEnrolmentPageShowsAQrCodeImageAndTheKeyAndCanBeTurnedOff()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = await AdminSession.SignInAsync(app);

        var page = await client.GetStringAsync("/admin/account/two-factor");
        Assert.Contains("<img class=\"qr\" src=\"data:image/png;base64,", page);
        var key = SharedKey(page);
        var enabled = await AdminSession.PostFormAsync(client, "/admin/account/two-factor", new() { ["Code"] = Totp.Code(key) }, "/admin/account/two-factor?handler=Enable");
        Assert.Contains("Two-factor authentication is on", await enabled.Content.ReadAsStringAsync());

        var disabled = await AdminSession.PostFormAsync(client, "/admin/account/two-factor", [], "/admin/account/two-factor?handler=Disable");
        var html = await disabled.Content.ReadAsStringAsync();
        Assert.Contains("Two-factor authentication is off", html);
        Assert.NotEqual(key, SharedKey(html));
        app.Logs.AssertNoErrors();
    }

    /// <summary>Signs a new administrator in, turns two-factor on with a computed code, and returns what an authenticator app would hold.</summary>
    private static async Task<(string Email, string Key, IReadOnlyList<string> RecoveryCodes)> EnableTwoFactorAsync(StorefrontApp app)
    {
        var email = await AdminSession.CreateUserAsync(app);
        using var client = AdminSession.NewClient(app);
        await AdminSession.SignInAsync(client, email, AdminSession.Password);
        var key = SharedKey(await client.GetStringAsync("/admin/account/two-factor"));

        var wrong = await AdminSession.PostFormAsync(client, "/admin/account/two-factor", new() { ["Code"] = WrongCode(key) }, "/admin/account/two-factor?handler=Enable");
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        var enabled = await AdminSession.PostFormAsync(client, "/admin/account/two-factor", new() { ["Code"] = Totp.Code(key) }, "/admin/account/two-factor?handler=Enable");
        var html = await enabled.Content.ReadAsStringAsync();
        Assert.Contains("Two-factor authentication is on", html);
        var codes = RecoveryCodes().Matches(html.Split("id=\"recovery-codes\"")[1].Split("</ul>")[0]).Select(m => m.Groups[1].Value.Trim()).ToList();
        return (email, key, codes);
    }

    private static string SharedKey(string html) => SharedKeyField().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>A six-digit code that is none of the codes the server accepts around now (it allows for clock drift).</summary>
    private static string WrongCode(string key)
    {
        var accepted = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(step * 30))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !accepted.Contains(c));
    }

    [GeneratedRegex("id=\"shared-key\">([a-z0-9 ]+)<")]
    private static partial Regex SharedKeyField();

    [GeneratedRegex("<li>([^<]+)</li>")]
    private static partial Regex RecoveryCodes();
}
