using System.Net;
using System.Text.RegularExpressions;
using System.Net.Http.Json;
using System.Text.Json;
using Storefront.Core.Security;
using Storefront.Testing;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

/// <summary>Nothing the sign-in and forgot-password pages answer tells whether an address has an account.</summary>
public sealed partial class AccountEnumerationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ALockedAccountAndAnUnknownAddressGetTheSameAnswer(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var email = await AdminSession.CreateUserAsync(app, AdminRoles.Editor);
        const string unknown = "nobody-at-all@example.com";
        using var client = AdminSession.NewClient(app);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AdminSession.SignInAsync(client, email, $"wrong password {attempt}");
        }

        Assert.True(await StoredUsers.IsLockedOutAsync(app, email));

        var locked = await AdminSession.SignInAsync(client, email, "wrong password 6");
        var nobody = await AdminSession.SignInAsync(client, unknown, "wrong password 6");

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(locked.StatusCode, nobody.StatusCode);
        var lockedPage = await locked.Content.ReadAsStringAsync();
        Assert.Contains(SignInTests.WrongOrLocked, lockedPage);
        Assert.Equal(Normalised(lockedPage, email), Normalised(await nobody.Content.ReadAsStringAsync(), unknown));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task FromOneAddressAnUnknownEmailIsAnsweredAndLockedAtEveryStepAsAnExistingOne(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db, overrides: new Dictionary<string, string?> { ["RateLimits:Account:PermitLimit"] = "100" });
        var email = await AdminSession.CreateUserAsync(app, AdminRoles.Editor);
        const string unknown = "nobody-at-all@example.com";
        using var client = LoopbackClient.From(app, "127.0.0.2");

        foreach (var password in Enumerable.Range(1, 6).Select(i => $"wrong password {i}").Append(AdminSession.Password))
        {
            var existing = await AdminSession.SignInAsync(client, email, password);
            var nobody = await AdminSession.SignInAsync(client, unknown, password);
            Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
            Assert.Equal(existing.StatusCode, nobody.StatusCode);
            Assert.Equal(Normalised(await existing.Content.ReadAsStringAsync(), email), Normalised(await nobody.Content.ReadAsStringAsync(), unknown));
        }

        Assert.True(await StoredUsers.IsRefusedFromAsync(app, email, "127.0.0.2"));
        Assert.True(await StoredUsers.IsRefusedFromAsync(app, unknown, "127.0.0.2"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ForgotPasswordAnswersAlikeForAnyAddressAndTheLinkArrivesThroughTheOutbox()
    {
        await using var app = await StorefrontApp.StartAsync();
        var email = await AdminSession.CreateUserAsync(app);

        await AssertForgotPasswordAnswersAlikeAsync(app, email);

        Assert.Equal(2, (await AccountOutbox.ListAsync(app)).Count);
        await AdminMail.WaitForLinkAsync(app, email);
        await AccountOutbox.WaitUntilDrainedAsync(app);
        Assert.Equal(1, AdminMail.Count(app));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WithTheMailServerDownForgotPasswordAnswersAlikeAndTheLinkArrivesOnceTheServerIsBack()
    {
        var mailServer = new MailDevServer();
        try
        {
            await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?>
            {
                ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = mailServer.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            var email = await AdminSession.CreateUserAsync(app);

            await AssertForgotPasswordAnswersAlikeAsync(app, email);
            // The failure to reach the server happened after the answer, in the outbox, which keeps the link to retry.
            await Eventually.HoldsAsync(async () => (await AccountOutbox.ListAsync(app)).Any(m => m.LastError is not null && m.ProcessedAt is null),
                "A failed delivery attempt");

            await mailServer.InitializeAsync();

            var userId = (await StoredUsers.IdOfAsync(app, email)).ToString("N");
            await Eventually.HoldsAsync(async () => (await MessageIdsToAsync(mailServer, email)).Count > 0, "The reset link reaching the mail server", seconds: 60);
            await AccountOutbox.WaitUntilDrainedAsync(app);
            Assert.Contains(userId, Assert.Single(await MessageIdsToAsync(mailServer, email)));
            app.Logs.AssertNoErrors();
        }
        finally
        {
            await mailServer.DisposeAsync();
        }
    }

    /// <summary>The page without what legitimately differs: the typed address echoed back and the per-response antiforgery token.</summary>
    private static string Normalised(string html, string email) =>
        Token().Replace(html.Replace(email, "ADDRESS", StringComparison.Ordinal), "TOKEN");

    /// <summary>Asks for a link for <paramref name="email"/> and for an address without an account; both answers must match.</summary>
    private static async Task AssertForgotPasswordAnswersAlikeAsync(StorefrontApp app, string email)
    {
        const string unknown = "nobody-at-all@example.com";
        using var client = AdminSession.NewClient(app);

        var known = await AdminSession.PostFormAsync(client, "/admin/account/forgot-password", new() { ["Email"] = email });
        var nobody = await AdminSession.PostFormAsync(client, "/admin/account/forgot-password", new() { ["Email"] = unknown });

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(known.StatusCode, nobody.StatusCode);
        Assert.Equal(Normalised(await known.Content.ReadAsStringAsync(), email), Normalised(await nobody.Content.ReadAsStringAsync(), unknown));
    }

    /// <summary>The Message-IDs of what the mail server received for <paramref name="email"/>, through its REST API.</summary>
    private static async Task<List<string>> MessageIdsToAsync(MailDevServer server, string email)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.WebPort}/") };
        var all = await http.GetFromJsonAsync<JsonElement>("api/email");
        return all.EnumerateArray()
            .Where(m => m.GetProperty("to").EnumerateArray().Any(to => string.Equals(to.GetProperty("address").GetString(), email, StringComparison.OrdinalIgnoreCase)))
            .Select(m => m.GetProperty("headers").GetProperty("message-id").GetString() ?? "").ToList();
    }

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="[^"]+" """)]
    private static partial Regex Token();
}
