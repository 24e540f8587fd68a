using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;
using static Storefront.Tests.Settings.SettingsStore;

namespace Storefront.Tests.Settings;

/// <summary>Stripe keys typed into the admin apply at once, on every instance, and the environment still wins.</summary>
public sealed partial class LiveStripeSettingsTests
{
    private const string NewWebhookSecret = "whsec_rotated_in_the_admin_0002";

    [Fact]
    public async Task AStripeKeyChangedInTheAdminIsUsedByTheNextCheckoutWithoutARestart()
    {
        using var database = new TempFolder();
        var shared = await DatabaseAsync(Db.Sqlite, database, ("Form.StripeWebhookSecret", TestStripe.WebhookSecret));
        await using var shop = await ShopWithStripe.StartAsync(Db.Sqlite, overrides: shared);
        // The emulator answers only to the key the admin holds, as Stripe does to an account's key.
        Accept(shop, UiStripeKey);
        var first = await shop.BuyAsync("first@example.com", "First");
        Assert.NotEmpty(ShopWithStripe.DownloadLinks(first.Page));

        // The account's key is rolled at Stripe: the old one is refused until the admin holds the new one.
        Accept(shop, TestStripe.SecretKey);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await CheckoutStatusAsync(shop.App));
        using var admin = await AdminLogin.ClientAsync(shop.App, "owner@example.com", AdminRoles.Administrator);
        var saved = await SaveAsync(admin, ("Form.StripeSecretKey", TestStripe.SecretKey));

        var second = await shop.BuyAsync("second@example.com", "Second");
        Assert.NotEmpty(ShopWithStripe.DownloadLinks(second.Page));
        Assert.Contains(">set (Stripe__SecretKey)", saved);
        Assert.DoesNotContain(TestStripe.SecretKey, saved);
        foreach (var secret in new[] { UiStripeKey, TestStripe.SecretKey, TestStripe.WebhookSecret })
        {
            shop.App.Logs.AssertNeverLogged(secret);
        }

        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AWebhookSecretChangedInTheAdminIsCheckedAtOnceAndTheReplacedOneIsAcceptedForADayOnly()
    {
        using var database = new TempFolder();
        var shared = await DatabaseAsync(Db.Sqlite, database);
        await using var app = await StorefrontApp.StartAsync(Db.Sqlite, shared);
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(app, UiWebhookSecret));
        Assert.Equal(HttpStatusCode.BadRequest, await DeliverAsync(app, "whsec_bogus"));

        using var admin = await AdminLogin.ClientAsync(app, "owner@example.com", AdminRoles.Administrator);
        await SaveAsync(admin, ("Form.StripeWebhookSecret", NewWebhookSecret));

        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(app, NewWebhookSecret));
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(app, UiWebhookSecret));
        Assert.Equal(HttpStatusCode.BadRequest, await DeliverAsync(app, "whsec_bogus"));
        var expiresAt = await app.WithDbAsync(d => d.Set<SiteSetting>().SingleAsync(s => s.Key == "Stripe:PreviousWebhookSecretExpiresAt"));
        Assert.InRange(DateTimeOffset.Parse(expiresAt.Value) - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));

        // A day later (the expiry moved into the past in the database, as time would): the replaced secret is refused.
        expiresAt.Value = DateTimeOffset.UtcNow.AddMinutes(-1).UtcDateTime.ToString("O");
        await app.WithDbAsync(d => { d.Update(expiresAt); return d.SaveChangesAsync(); });
        await Eventually.HoldsAsync(async () => await DeliverAsync(app, UiWebhookSecret) == HttpStatusCode.BadRequest, "Refusing the replaced secret");
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(app, NewWebhookSecret));
        app.Logs.AssertNeverLogged(NewWebhookSecret);
        app.Logs.AssertNeverLogged(UiWebhookSecret);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TwoInstancesOverOnePostgresDatabaseUseAChangeMadeOnEitherWithinSeconds()
    {
        using var database = new TempFolder();
        var shared = await DatabaseAsync(Db.Postgres, database);
        await using var first = await StorefrontApp.StartAsync(Db.Postgres, shared);
        await using var second = await StorefrontApp.StartAsync(Db.Postgres, shared);
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(second, UiWebhookSecret));
        Assert.Equal(HttpStatusCode.BadRequest, await DeliverAsync(second, NewWebhookSecret));

        using var admin = await AdminLogin.ClientAsync(first, "owner@example.com", AdminRoles.Administrator);
        await SaveAsync(admin, ("Form.StripeWebhookSecret", NewWebhookSecret));

        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(first, NewWebhookSecret));
        var took = await Eventually.HoldsAsync(async () => await DeliverAsync(second, NewWebhookSecret) == HttpStatusCode.OK, "The other instance taking the new secret");
        Assert.True(took < TimeSpan.FromSeconds(5), $"The other instance took {took.TotalSeconds:0.0} s.");
        Assert.Equal(HttpStatusCode.BadRequest, await DeliverAsync(second, "whsec_bogus"));
        first.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnEnvironmentVariableForAKeyStillWinsOverTheValueTypedIntoTheAdmin()
    {
        await using var app = await StorefrontApp.StartAsync(); // Stripe__WebhookSecret is set in its environment
        using var admin = await AdminLogin.ClientAsync(app, "owner@example.com", AdminRoles.Administrator);

        var saved = await SaveAsync(admin, ("Form.StripeWebhookSecret", NewWebhookSecret));

        Assert.Contains("set by the environment (Stripe__WebhookSecret)", saved);
        Assert.Equal(HttpStatusCode.BadRequest, await DeliverAsync(app, NewWebhookSecret));
        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(app, TestStripe.WebhookSecret));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task InProductionKeysStoredFromTheAdminSatisfyTheStartUpCheck()
    {
        using var database = new TempFolder();
        var shared = await DatabaseAsync(Db.Sqlite, database);
        shared["environment"] = "Production";
        shared["Site:BaseUrl"] = "http://127.0.0.1";

        await using var app = await StorefrontApp.StartAsync(Db.Sqlite, shared);

        Assert.Equal(HttpStatusCode.OK, await DeliverAsync(app, UiWebhookSecret));
        app.Logs.AssertNoErrors();
    }

    private static void Accept(ShopWithStripe shop, string key)
    {
        shop.Stripe.Options.ApiKeys.Clear();
        shop.Stripe.Options.ApiKeys.Add(key);
    }

    /// <summary>What pressing Buy answers, without following it.</summary>
    private static async Task<HttpStatusCode> CheckoutStatusAsync(StorefrontApp app)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.BaseAddress };
        var token = AntiforgeryToken().Match(await client.GetStringAsync("/products/field-guide")).Groups[1].Value;
        var response = await client.PostAsync("/checkout/field-guide", new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));
        return response.StatusCode;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
