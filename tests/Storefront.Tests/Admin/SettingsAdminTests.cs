using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Core.Audit;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Downloads.Entitlements;
using Storefront.Email;
using Storefront.Payments.Stripe;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

public sealed class SettingsAdminTests
{
    private const string SmtpPassword = "smtp-pass-9f8e7d6c5b";
    private const string UiStripeKey = "sk_test_typed_into_the_admin_123";

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task SecretsAreStoredEncryptedNeverShownBackKeptWhenLeftEmptyAndTheEnvironmentWins(Db db)
    {
        // The database outlives the first app (which deletes its own folder), so the second start reads what the first stored.
        using var kept = new TempFolder();
        var database = db == Db.Sqlite
            ? new Dictionary<string, string?> { ["ConnectionStrings:Storefront"] = $"Data Source={kept.File("shop.db")}" }
            : null;
        string connection;
        await using (var app = await StorefrontApp.StartAsync(db, database))
        {
            connection = app.Settings["ConnectionStrings:Storefront"]!;
            using var admin = await AdminLogin.ClientAsync(app, "owner@example.com", AdminRoles.Administrator);
            var saved = await AdminForms.PostAndFollowAsync(admin, "/admin/settings", "/admin/settings", Fields(
                ("Form.StripeSecretKey", UiStripeKey), ("Form.SmtpPassword", SmtpPassword)));

            Assert.Contains("Saved: ", saved);
            Assert.DoesNotContain(SmtpPassword, saved);
            Assert.DoesNotContain(UiStripeKey, saved);
            Assert.DoesNotContain(TestStripe.SecretKey, saved);
            Assert.Contains("set by the environment (Stripe__SecretKey)", saved);
            Assert.Contains(">set (Email__Smtp__Password)", saved);
            Assert.Contains(">not set (Stripe__WebhookSecret)", saved.Replace("set by the environment (Stripe__WebhookSecret)", "not set (Stripe__WebhookSecret)"));
            var raw = await app.WithDbAsync(d => d.Set<SiteSetting>().SingleAsync(s => s.Key == "Email:Smtp:Password" && s.Protected));
            Assert.DoesNotContain(SmtpPassword, raw.Value);
            Assert.True(raw.Value.Length > 40);

            // Saving again with the secret fields empty keeps the stored secret.
            await AdminForms.PostAndFollowAsync(admin, "/admin/settings", "/admin/settings", Fields(("Form.SiteName", "Renamed Shop")));
            Assert.Equal(raw.Value, (await app.WithDbAsync(d => d.Set<SiteSetting>().SingleAsync(s => s.Key == "Email:Smtp:Password" && s.Protected))).Value);
            var audit = await app.WithDbAsync(d => d.Set<AuditEntry>().Where(e => e.Action == "settings.changed").ToListAsync());
            Assert.All(audit, e => Assert.Equal("owner@example.com", e.UserName));
            Assert.All(audit, e => Assert.DoesNotContain(SmtpPassword, e.Details ?? ""));
            app.Logs.AssertNoErrors();
        }

        // Next start: the stored SMTP password fills the gap the environment leaves; the environment's Stripe key wins.
        await using var restarted = await StorefrontApp.StartAsync(db, new Dictionary<string, string?> { ["ConnectionStrings:Storefront"] = connection });
        Assert.Equal(SmtpPassword, restarted.Services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Password);
        Assert.Equal(TestStripe.SecretKey, restarted.Services.GetRequiredService<IOptions<StripeOptions>>().Value.SecretKey);
        restarted.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task SettingsReachTheReceiptAndTheDownloadPolicyAndBadInputIsExplainedNotFatal()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        using var admin = await AdminLogin.ClientAsync(shop.App, "owner@example.com", AdminRoles.Administrator);

        var invalid = await AdminForms.PostAsync(admin, "/admin/settings", "/admin/settings", Fields(
            ("Form.SupportEmail", "not an address"), ("Form.DefaultDownloadUses", "0"), ("Form.Theme", "Hacker"), ("Form.SmtpPassword", SmtpPassword)));
        var invalidPage = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Enter a support address such as help@example.com.", invalidPage);
        Assert.Contains("Downloads per purchase must be between 1 and 1000.", invalidPage);
        Assert.Contains("Choose one of the installed themes.", invalidPage);
        Assert.DoesNotContain(SmtpPassword, invalidPage);
        // An address the mail library refuses (longer than a mail server takes) would stop every receipt once saved.
        var tooLong = await AdminForms.PostAsync(admin, "/admin/settings", "/admin/settings", Fields(
            ("Form.SupportEmail", new string('a', 70) + "@" + new string('b', 300) + ".com")));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("Enter a support address such as help@example.com.", await tooLong.Content.ReadAsStringAsync());
        // Names are one line in every page title, feed, email and invoice.
        var twoLines = await (await AdminForms.PostAsync(admin, "/admin/settings", "/admin/settings", Fields(
            ("Form.SiteName", "Shop\r\nX-Evil: 1"), ("Form.SellerName", "Field\tGuides Ltd")))).Content.ReadAsStringAsync();
        Assert.Contains("The site name holds an invisible control character", twoLines);
        Assert.Contains("The seller name holds an invisible control character", twoLines);

        await AdminForms.PostAndFollowAsync(admin, "/admin/settings", "/admin/settings", Fields(
            ("Form.SellerName", "Field Guides Ltd"), ("Form.SellerAddress", "1 Harbour Road\r\nBristol BS1 4AA"),
            ("Form.DefaultDownloadUses", "7"), ("Form.DefaultDownloadExpiryHours", "48")));
        using var recipe = new TempFolder();
        var product = TestRecipe.Product("no-limits", "No Limits");
        product.Remove("downloadUses");
        product.Remove("downloadExpiryHours");
        await shop.App.ImportAsync(new TestRecipe().Products(product).WriteTo(recipe.Path));
        await shop.BuyAsync("policy@example.com", "Policy", slug: "no-limits");
        await shop.WaitForOutboxAsync(1);

        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal(7, entitlement.UsesAllowed);
        Assert.InRange(entitlement.ExpiresAt - entitlement.CreatedAt, TimeSpan.FromHours(47.9), TimeSpan.FromHours(48.1));
        var mail = Eml.Text(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "*.eml"))));
        Assert.Contains("Field Guides Ltd", mail);
        Assert.Contains("1 Harbour Road", mail);
        Assert.Contains("Bristol BS1 4AA", mail);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ALogoIsAcceptedByItsBytesAndServedPubliclyWhileATextFileCalledPngIsRefused()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var admin = await AdminLogin.ClientAsync(app, "owner@example.com", AdminRoles.Administrator);

        var fake = await UploadAsync(admin, "logo.png", "not an image"u8.ToArray());
        var real = await UploadAsync(admin, "logo.bin", TestRecipe.Png(32, 32));

        Assert.Contains("is not a PNG, JPEG, GIF or WebP image", fake);
        Assert.Contains("The new logo is saved.", real);
        var key = await app.WithDbAsync(d => d.Set<SiteSetting>().Where(s => s.Key == SettingKeys.LogoKey).Select(s => s.Value).SingleAsync());
        using var anonymous = app.CreateHttpClient();
        Assert.Equal(TestRecipe.Png(32, 32), await anonymous.GetByteArrayAsync("/media/" + key));
        app.Logs.AssertNoErrors();
    }

    private static async Task<string> UploadAsync(HttpClient admin, string name, byte[] bytes)
    {
        var page = await admin.GetStringAsync("/admin/settings");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "logo", name);
        var response = await admin.PostAsync("/admin/settings?handler=Logo", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await admin.GetStringAsync(response.Headers.Location);
    }

    /// <summary>The whole form as a browser posts it: the site name is required, the rest may be empty.</summary>
    private static (string, string)[] Fields(params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string> { ["Form.SiteName"] = "Field Guides", ["Form.Theme"] = "Storefront" };
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }

        return fields.Select(f => (f.Key, f.Value)).ToArray();
    }
}
