using System.Net;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Users;

public sealed class FirstAdministratorTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AdminCreateOnTheCommandLineAnswersWithItsExitCodes(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);

        var weak = await app.RunCliAsync("admin", "create", "--email=owner@example.com", "--password=short");
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("at least 12 characters", weak.All);

        var missing = await app.RunCliAsync("admin", "create", "--email=owner@example.com");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--password", missing.All);

        var created = await app.RunCliAsync("admin", "create", "--email", "owner@example.com", "--password", AdminSession.Password);
        Assert.True(created.ExitCode == 0, created.All);
        Assert.Contains("owner@example.com", created.Output);

        var again = await app.RunCliAsync("admin", "create", "--email=OWNER@example.com", "--password=" + AdminSession.Password);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.All);

        using var client = AdminSession.NewClient(app);
        Assert.Equal(HttpStatusCode.Redirect, (await AdminSession.SignInAsync(client, "owner@example.com", AdminSession.Password)).StatusCode);
        Assert.Contains("Administrator", await client.GetStringAsync("/admin"));
        Assert.DoesNotContain(AdminSession.Password, created.All);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheSetupScreenCreatesTheFirstAdministratorAndThenIsGone(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        using var client = AdminSession.NewClient(app);
        Assert.Contains("Create the first administrator", await client.GetStringAsync("/admin/account/sign-in"));

        var weak = await AdminSession.PostFormAsync(client, "/admin/setup", new()
        {
            ["Input.Email"] = "owner@example.com", ["Input.Password"] = "password", ["Input.ConfirmPassword"] = "password",
        });
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        Assert.Contains("at least 12 characters", await weak.Content.ReadAsStringAsync());

        var created = await AdminSession.PostFormAsync(client, "/admin/setup", new()
        {
            ["Input.Email"] = "owner@example.com", ["Input.Password"] = AdminSession.Password, ["Input.ConfirmPassword"] = AdminSession.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("owner@example.com", await client.GetStringAsync("/admin"));

        using var stranger = AdminSession.NewClient(app);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/admin/setup")).StatusCode);
        var token = await AdminSession.AntiforgeryTokenAsync(stranger, "/admin/account/sign-in");
        var late = await stranger.PostAsync("/admin/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "intruder@example.com", ["Input.Password"] = AdminSession.Password,
            ["Input.ConfirmPassword"] = AdminSession.Password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AdminSession.SignInAsync(stranger, "intruder@example.com", AdminSession.Password)).StatusCode);
        app.Logs.AssertNoErrors();
    }
}
