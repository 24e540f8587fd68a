using System.Net;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

public sealed class PasswordResetTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheEmailedLinkSetsANewPasswordThatSignsIn(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var email = await AdminSession.CreateUserAsync(app);
        using var client = AdminSession.NewClient(app);

        var asked = await AdminSession.PostFormAsync(client, "/admin/account/forgot-password", new() { ["Email"] = email });
        Assert.Contains("If an account exists", await asked.Content.ReadAsStringAsync());
        var link = new Uri(await AdminMail.WaitForLinkAsync(app, email));
        Assert.Equal(app.BaseAddress.Authority, link.Authority);

        var resetPage = await client.GetAsync(link.PathAndQuery);
        Assert.Contains("At least 12 characters", await resetPage.Content.ReadAsStringAsync());
        const string newPassword = "a brand new passphrase";
        var reset = await AdminSession.PostFormAsync(client, link.PathAndQuery, new() { ["Password"] = newPassword, ["ConfirmPassword"] = newPassword });
        Assert.Contains("Your password is set.", await reset.Content.ReadAsStringAsync());

        Assert.Contains("The email or password is wrong.", await (await AdminSession.SignInAsync(client, email, AdminSession.Password)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await AdminSession.SignInAsync(client, email, newPassword)).StatusCode);

        using var other = AdminSession.NewClient(app);
        var reused = await AdminSession.PostFormAsync(other, link.PathAndQuery, new() { ["Password"] = "yet another passphrase", ["ConfirmPassword"] = "yet another passphrase" });
        Assert.Contains("not valid or has expired", await reused.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnUnknownAddressGetsTheSameAnswerAndNoEmail()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = AdminSession.NewClient(app);

        var response = await AdminSession.PostFormAsync(client, "/admin/account/forgot-password", new() { ["Email"] = "nobody@example.com" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("If an account exists", await response.Content.ReadAsStringAsync());
        // A reset asked for afterwards arriving is the sign that a mail for the unknown address would have arrived too.
        var known = await AdminSession.CreateUserAsync(app);
        await AdminSession.PostFormAsync(client, "/admin/account/forgot-password", new() { ["Email"] = known });
        await AdminMail.WaitForLinkAsync(app, known);
        Assert.Equal(1, AdminMail.Count(app));
    }

    [Fact]
    public async Task AWeakPasswordOrAMangledLinkIsRefusedWithAReasonNotAnError()
    {
        await using var app = await StorefrontApp.StartAsync();
        var email = await AdminSession.CreateUserAsync(app);
        using var client = AdminSession.NewClient(app);
        await AdminSession.PostFormAsync(client, "/admin/account/forgot-password", new() { ["Email"] = email });
        var link = new Uri(await AdminMail.WaitForLinkAsync(app, email));

        var weak = await AdminSession.PostFormAsync(client, link.PathAndQuery, new() { ["Password"] = "short", ["ConfirmPassword"] = "short" });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("at least 12 characters", await weak.Content.ReadAsStringAsync());

        var mangledPath = $"/admin/account/reset-password?email={Uri.EscapeDataString(email)}&code=%%%not-base64";
        var mangled = await AdminSession.PostFormAsync(client, mangledPath, new() { ["Password"] = "a fine long passphrase", ["ConfirmPassword"] = "a fine long passphrase" });
        Assert.Equal(HttpStatusCode.OK, mangled.StatusCode);
        Assert.Contains("not valid or has expired", await mangled.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }
}
