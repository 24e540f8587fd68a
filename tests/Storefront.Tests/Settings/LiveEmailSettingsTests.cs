using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Security;
using Storefront.Email;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using static Storefront.Tests.Settings.SettingsStore;

namespace Storefront.Tests.Settings;

/// <summary>SMTP settings typed into the admin carry the very next message, through real SMTP servers.</summary>
public sealed class LiveEmailSettingsTests(MailDevServer open, AuthenticatingMailDevServer guarded)
    : IClassFixture<MailDevServer>, IClassFixture<AuthenticatingMailDevServer>
{
    private const string TypedFrom = "receipts@typed.example.com";

    [Fact]
    public async Task SmtpServerLoginAndSenderChangedInTheAdminCarryTheNextMessageWithoutARestart()
    {
        using var database = new TempFolder();
        var shared = await DatabaseAsync(Db.Sqlite, database, ("Form.EmailFrom", TypedFrom));
        shared["Email:From"] = "";
        await using var app = await StorefrontApp.StartAsync(Db.Sqlite, shared);
        using var admin = await AdminLogin.ClientAsync(app, "owner@example.com", AdminRoles.Administrator);

        // No host anywhere yet: the message goes to the pickup folder, from the sender typed into the admin.
        await SendAsync(app);
        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(app.Folder.File("mail"), "*.eml")));
        Assert.Contains(TypedFrom, eml);

        await SaveAsync(admin, ("Form.EmailFrom", TypedFrom), ("Form.SmtpHost", "127.0.0.1"), ("Form.SmtpPort", open.SmtpPort.ToString()));
        var viaOpen = await open.WaitForMessageAsync(await SendAsync(app));
        Assert.Equal(TypedFrom, viaOpen.GetProperty("from")[0].GetProperty("address").GetString());

        await SaveAsync(admin, ("Form.EmailFrom", TypedFrom), ("Form.SmtpHost", "127.0.0.1"), ("Form.SmtpPort", guarded.SmtpPort.ToString()),
            ("Form.SmtpUsername", AuthenticatingMailDevServer.User), ("Form.SmtpPassword", AuthenticatingMailDevServer.Password));
        var id = await SendAsync(app);
        await guarded.WaitForMessageAsync(id);
        Assert.Equal(0, await open.CountAsync(id));
        app.Logs.AssertNeverLogged(AuthenticatingMailDevServer.Password);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task SmtpSettingsThatCouldNotSendAreRefusedWithAMessageAndNothingChanges()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var admin = await AdminLogin.ClientAsync(app, "owner@example.com", AdminRoles.Administrator);

        var badHost = await PostAsync(admin, ("Form.SmtpHost", "smtp://mail.example.com"), ("Form.SmtpPort", "465"), ("Form.EmailFrom", "Shop <shop@example.com>"));
        var loginWithoutPassword = await PostAsync(admin, ("Form.SmtpHost", "127.0.0.1"), ("Form.SmtpUsername", "shop"));

        Assert.Contains("Enter a host name such as smtp.example.com", badHost);
        // Port 465 is implicit TLS, which the sender speaks: only the host and the sender are refused.
        Assert.DoesNotContain("is not supported", badHost);
        Assert.Contains("Enter a plain address such as shop@example.com.", badHost);
        Assert.Contains("Email__Smtp__Username and Email__Smtp__Password must be set together", loginWithoutPassword);
        // The environment's sender (shop@example.com) wins, and no host was stored: mail still goes to the pickup folder.
        await SendAsync(app);
        Assert.Single(Directory.GetFiles(app.Folder.File("mail"), "*.eml"));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnSmtpHostSetInTheEnvironmentWinsOverTheOneTypedIntoTheAdmin()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = open.SmtpPort.ToString(), ["Email:From"] = "env@env.example.com",
        });
        using var admin = await AdminLogin.ClientAsync(app, "owner@example.com", AdminRoles.Administrator);

        var saved = await SaveAsync(admin, ("Form.SmtpHost", "127.0.0.1"), ("Form.SmtpPort", guarded.SmtpPort.ToString()), ("Form.EmailFrom", TypedFrom));
        var message = await open.WaitForMessageAsync(await SendAsync(app));

        Assert.Contains($"set by the environment (Email__Smtp__Port = {open.SmtpPort}), which wins", saved);
        Assert.Equal("env@env.example.com", message.GetProperty("from")[0].GetProperty("address").GetString());
        app.Logs.AssertNoErrors();
    }

    /// <summary>Sends a message through the running app's own sender; returns the Message-ID header it will carry.</summary>
    private static async Task<string> SendAsync(StorefrontApp app)
    {
        var id = EmailMessageId.From("settings-test", Guid.NewGuid().ToString("N"));
        var sender = app.Services.GetRequiredService<IEmailSender>();
        await sender.SendAsync(new EmailMessage(new EmailAddress("buyer@example.com"), "Settings test", "Hello", null, id));
        var from = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<EmailOptions>>().CurrentValue.From;
        return $"<{id.Value}@{from.Split('@')[1]}>";
    }

    private static async Task<string> PostAsync(HttpClient admin, params (string Key, string Value)[] changes)
    {
        var response = await AdminForms.PostAsync(admin, "/admin/settings", "/admin/settings", Fields(changes));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
