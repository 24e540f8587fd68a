using Storefront.Core.Security;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Settings;

/// <summary>
/// A shop database whose Stripe keys (and any other settings) were typed into the admin, as an owner does after
/// the first start, plus the admin form helpers the live-settings tests share.
/// </summary>
public static class SettingsStore
{
    public const string UiStripeKey = "sk_test_typed_into_the_admin_0001";
    public const string UiWebhookSecret = "whsec_typed_into_the_admin_0001";

    /// <summary>
    /// Saves <paramref name="fields"/> through the admin of a first instance (whose environment still provides the
    /// keys, as a first start needs), then returns the settings for instances over the same database whose
    /// environment leaves the Stripe keys and the sender address to the admin.
    /// </summary>
    public static async Task<Dictionary<string, string?>> DatabaseAsync(Db db, TempFolder folder, params (string Key, string Value)[] fields)
    {
        var shared = await TestDatabase.CreateAsync(db, folder);
        await using (var setup = await StorefrontApp.StartAsync(db, shared, new TempFolder()))
        {
            using var admin = await AdminLogin.ClientAsync(setup, "setup@example.com", AdminRoles.Administrator);
            var saved = await SaveAsync(admin, [("Form.StripeSecretKey", UiStripeKey), ("Form.StripeWebhookSecret", UiWebhookSecret), .. fields]);
            Assert.Contains("Saved: ", saved);
            setup.Logs.AssertNoErrors();
        }

        shared["Stripe:SecretKey"] = "";
        shared["Stripe:WebhookSecret"] = "";
        return shared;
    }

    /// <summary>Posts the settings form as a browser does (the site name is required, the rest may be empty) and returns the page after it.</summary>
    public static Task<string> SaveAsync(HttpClient admin, params (string Key, string Value)[] changes) =>
        AdminForms.PostAndFollowAsync(admin, "/admin/settings", "/admin/settings", Fields(changes));

    public static (string, string)[] Fields(params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string> { ["Form.SiteName"] = "Field Guides", ["Form.Theme"] = "Storefront" };
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }

        return fields.Select(f => (f.Key, f.Value)).ToArray();
    }

    /// <summary>Posts a harmless event to the webhook with the given signature header; returns the status code.</summary>
    public static async Task<System.Net.HttpStatusCode> DeliverAsync(StorefrontApp app, string secret)
    {
        var json = "{\"id\":\"evt_" + Guid.NewGuid().ToString("N") + "\",\"object\":\"event\",\"type\":\"customer.created\",\"data\":{\"object\":{\"id\":\"cus_1\"}}}";
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", ShopWithStripe.Sign(json, secret));
        return (await client.SendAsync(request)).StatusCode;
    }
}
