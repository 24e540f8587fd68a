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

        var disabled = await AdminSession.PostFormAsync(client, "/admin/account/two-factor", new() { ["Confirmation"] = AdminSession.Password }, "/admin/account/two-factor?handler=Disable");
        var html = await disabled.Content.ReadAsStringAsync();
        Assert.Contains("Two-factor authentication is off", html);
        Assert.NotEqual(key, SharedKey(html));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task EnablingWithTheCodeLeftEmptyAsksForTheCodeAndLeavesTwoFactorOff()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = await AdminSession.SignInAsync(app);
        await client.GetStringAsync("/admin/account/two-factor");

        var refused = await PostTwoFactorAsync(client, "Enable", new() { ["Code"] = "" });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Enter the current six-digit code from your app", html);
        Assert.Contains("<img class=\"qr\"", html);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TurningTwoFactorOffOrMakingNewRecoveryCodesAsksForThePasswordOrACurrentCodeAgain()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = await AdminSession.SignInAsync(app);
        var key = SharedKey(await client.GetStringAsync("/admin/account/two-factor"));
        var enabled = await PostTwoFactorAsync(client, "Enable", new() { ["Code"] = Totp.Code(key) });
        Assert.Contains("Two-factor authentication is on", await enabled.Content.ReadAsStringAsync());

        foreach (var (handler, confirmation) in new[] { ("Disable", ""), ("Disable", "not my password at all"), ("RecoveryCodes", ""), ("RecoveryCodes", WrongCode(key)) })
        {
            var refused = await PostTwoFactorAsync(client, handler, new() { ["Confirmation"] = confirmation });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Nothing was changed: enter your current password", html);
            Assert.Contains("Two-factor authentication is <strong>on</strong>", html);
            Assert.DoesNotContain("id=\"recovery-codes\"", html);
        }

        Assert.Contains("Recovery codes left: <strong>10</strong>", await client.GetStringAsync("/admin/account/two-factor"));
        var renewed = await PostTwoFactorAsync(client, "RecoveryCodes", new() { ["Confirmation"] = Totp.Code(key) });
        Assert.Contains("New recovery codes", await renewed.Content.ReadAsStringAsync());
        var disabled = await PostTwoFactorAsync(client, "Disable", new() { ["Confirmation"] = AdminSession.Password });
        Assert.Contains("Two-factor authentication is off", await disabled.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WrongRecoveryCodesCountTowardTheLockout()
    {
        await using var app = await StorefrontApp.StartAsync();
        var (email, _, recoveryCodes) = await EnableTwoFactorAsync(app);
        using var client = AdminSession.NewClient(app);
        var codePage = (await AdminSession.SignInAsync(client, email, AdminSession.Password)).Headers.Location!.PathAndQuery();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AdminSession.PostFormAsync(client, codePage, new() { ["Input.Code"] = $"wrong-recovery-{attempt}" });
        }

        Assert.True(await StoredUsers.IsLockedOutAsync(app, email));
        var right = await AdminSession.PostFormAsync(client, codePage, new() { ["Input.Code"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("this account is locked", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WrongCodesFromOneAddressRefuseOnlyThatAddress()
    {
        await using var app = await StorefrontApp.StartAsync();
        var (email, key, recoveryCodes) = await EnableTwoFactorAsync(app);
        using var attacker = LoopbackClient.From(app, "127.0.0.2");
        using var owner = LoopbackClient.From(app, "127.0.0.3");
        var attackerCodePage = (await AdminSession.SignInAsync(attacker, email, AdminSession.Password)).Headers.Location!.PathAndQuery();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AdminSession.PostFormAsync(attacker, attackerCodePage, new() { ["Input.Code"] = attempt % 2 == 0 ? WrongCode(key) : $"wrong-recovery-{attempt}" });
        }

        var refused = await AdminSession.PostFormAsync(attacker, attackerCodePage, new() { ["Input.Code"] = recoveryCodes[0] });
        Assert.Contains("this account is locked", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.GetAsync("/admin")).StatusCode);

        await SignInWithCodeAsync(owner, email, Totp.Code(key));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/admin")).StatusCode);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WrongConfirmationsFromOneAddressStopConfirmingThereWhileTheOwnerElsewhereStillCan()
    {
        await using var app = await StorefrontApp.StartAsync();
        var (email, key, recoveryCodes) = await EnableTwoFactorAsync(app);
        using var thief = LoopbackClient.From(app, "127.0.0.2");
        using var owner = LoopbackClient.From(app, "127.0.0.3");
        await SignInWithCodeAsync(thief, email, recoveryCodes[0]);
        await SignInWithCodeAsync(owner, email, Totp.Code(key));

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await PostTwoFactorAsync(thief, "Disable", new() { ["Confirmation"] = $"wrong password {attempt}" });
        }

        var refused = await PostTwoFactorAsync(thief, "Disable", new() { ["Confirmation"] = AdminSession.Password });
        Assert.Contains("Nothing was changed", await refused.Content.ReadAsStringAsync());
        var disabled = await PostTwoFactorAsync(owner, "Disable", new() { ["Confirmation"] = AdminSession.Password });
        Assert.Contains("Two-factor authentication is off", await disabled.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }

    private static async Task SignInWithCodeAsync(HttpClient client, string email, string code)
    {
        var codePage = (await AdminSession.SignInAsync(client, email, AdminSession.Password)).Headers.Location!.PathAndQuery();
        var signedIn = await AdminSession.PostFormAsync(client, codePage, new() { ["Input.Code"] = code });
        Assert.Equal("/admin", signedIn.Headers.Location?.OriginalString);
    }

    private static Task<HttpResponseMessage> PostTwoFactorAsync(HttpClient client, string handler, Dictionary<string, string> fields) =>
        AdminSession.PostFormAsync(client, "/admin/account/two-factor", fields, $"/admin/account/two-factor?handler={handler}");

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

    internal static string SharedKey(string html) => SharedKeyField().Match(html).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

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
