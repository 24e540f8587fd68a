using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Tests.Infrastructure;
using Storefront.Users.Models;

namespace Storefront.Tests.Users;

/// <summary>
/// Failed sign-ins lock out the client address they come from, not the account: a stranger guessing from one
/// address cannot keep the administrator out, and guessing spread over many addresses still meets a limit.
/// </summary>
public sealed class AddressLockoutTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task FiveWrongPasswordsRefuseThatAddressWhileTheAdministratorSignsInFromAnother(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var email = await AdminSession.CreateUserAsync(app);
        using var attacker = LoopbackClient.From(app, "127.0.0.2");
        using var administrator = LoopbackClient.From(app, "127.0.0.3");

        await FailAsync(attacker, email, 5);

        await AssertRefusedAsync(attacker, email);
        await AssertSignsInAsync(administrator, email);
        Assert.True(await StoredUsers.IsRefusedFromAsync(app, email, "127.0.0.2"));
        Assert.False(await StoredUsers.IsAccountLockedOutAsync(app, email));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ASecondInstanceOnTheSameDatabaseRefusesTheLockedAddressToo(Db db)
    {
        await using var first = await StorefrontApp.StartAsync(db);
        await using var second = await StorefrontApp.StartAsync(db, overrides: first.Settings
            .Where(s => s.Key.StartsWith("ConnectionStrings", StringComparison.Ordinal) || s.Key.StartsWith("Database", StringComparison.Ordinal))
            .ToDictionary());
        var email = await AdminSession.CreateUserAsync(first);
        using var attacker = LoopbackClient.From(first, "127.0.0.2");

        await FailAsync(attacker, email, 5);

        using var attackerOnSecond = LoopbackClient.From(second, "127.0.0.2");
        using var administratorOnSecond = LoopbackClient.From(second, "127.0.0.3");
        await AssertRefusedAsync(attackerOnSecond, email);
        await AssertSignsInAsync(administratorOnSecond, email);
        first.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheAccountLocksForEveryAddressAfterTheBackstopOfFailuresFromManyAddresses()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["Accounts:LockoutAttemptsPerAccount"] = "8" });
        var email = await AdminSession.CreateUserAsync(app);
        using var first = LoopbackClient.From(app, "127.0.0.2");
        using var second = LoopbackClient.From(app, "127.0.0.3");
        using var third = LoopbackClient.From(app, "127.0.0.4");
        using var administrator = LoopbackClient.From(app, "127.0.0.5");

        await FailAsync(first, email, 4);
        await FailAsync(second, email, 3);
        Assert.False(await StoredUsers.IsAccountLockedOutAsync(app, email));
        Assert.Equal(7, await StoredUsers.FailedAttemptsAsync(app, email));

        await FailAsync(third, email, 1);

        Assert.True(await StoredUsers.IsAccountLockedOutAsync(app, email));
        await AssertRefusedAsync(administrator, email);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task APasswordResetLiftsTheLockoutForEveryAddress()
    {
        await using var app = await StorefrontApp.StartAsync();
        var email = await AdminSession.CreateUserAsync(app);
        using var elsewhere = LoopbackClient.From(app, "127.0.0.2");
        await FailAsync(elsewhere, email, 5);
        using var owner = AdminSession.NewClient(app);

        await AdminSession.PostFormAsync(owner, "/admin/account/forgot-password", new() { ["Email"] = email });
        var link = new Uri(await AdminMail.WaitForLinkAsync(app, email));
        const string newPassword = "a brand new passphrase";
        var reset = await AdminSession.PostFormAsync(owner, link.PathAndQuery, new() { ["Password"] = newPassword, ["ConfirmPassword"] = newPassword });
        Assert.Contains("Your password is set.", await reset.Content.ReadAsStringAsync());

        Assert.False(await StoredUsers.IsRefusedFromAsync(app, email, "127.0.0.2"));
        await AssertSignsInAsync(elsewhere, email, newPassword);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task FailuresOlderThanTheWindowNoLongerCountAndTheirRowsAreSwept()
    {
        await using var app = await StorefrontApp.StartAsync();
        var email = await AdminSession.CreateUserAsync(app);
        var normalized = email.ToUpperInvariant();
        var past = DateTime.UtcNow.AddMinutes(-1);
        await app.WithDbAsync(db =>
        {
            db.Set<SignInFailure>().AddRange(
                new SignInFailure { NormalizedEmail = normalized, Client = "127.0.0.2", Failures = 4, WindowEndsAt = past },
                new SignInFailure { NormalizedEmail = "SOMEONE@EXAMPLE.COM", Client = "198.51.100.7", Failures = 5, WindowEndsAt = past, LockedUntil = past });
            return db.SaveChangesAsync();
        });
        using var client = LoopbackClient.From(app, "127.0.0.2");

        await FailAsync(client, email, 1);

        var rows = await app.WithDbAsync(db => db.Set<SignInFailure>().AsNoTracking().ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal((normalized, "127.0.0.2", 1), (row.NormalizedEmail, row.Client, row.Failures));
        Assert.Null(row.LockedUntil);
        await AssertSignsInAsync(client, email);
        Assert.Empty(await app.WithDbAsync(db => db.Set<SignInFailure>().ToListAsync()));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnInvalidLockoutSettingRefusesToStartAndSaysWhich()
    {
        using var folder = new TempFolder();
        var result = await ServeCommand.RunAsync(folder, new Dictionary<string, string?> { ["Accounts__LockoutAttemptsPerAccount"] = "0" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Accounts__LockoutAttemptsPerAddress", result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }

    /// <summary>Sends <paramref name="count"/> wrong passwords, each answered with the one generic refusal.</summary>
    internal static async Task FailAsync(HttpClient client, string email, int count)
    {
        for (var attempt = 1; attempt <= count; attempt++)
        {
            var response = await AdminSession.SignInAsync(client, email, $"wrong password {attempt}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(SignInTests.WrongOrLocked, await response.Content.ReadAsStringAsync());
        }
    }

    private static async Task AssertRefusedAsync(HttpClient client, string email)
    {
        var response = await AdminSession.SignInAsync(client, email, AdminSession.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SignInTests.WrongOrLocked, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
    }

    private static async Task AssertSignsInAsync(HttpClient client, string email, string password = AdminSession.Password)
    {
        var response = await AdminSession.SignInAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }
}
