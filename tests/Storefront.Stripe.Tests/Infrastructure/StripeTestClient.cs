using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Payments.Stripe;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Stripe.Tests.Infrastructure;

/// <summary>
/// Stripe.net as the shop registers it (<see cref="StripeServiceCollectionExtensions.AddStripeClient"/>), with the calls the
/// tests make spelled out once: Checkout Sessions, refunds, and the emulator's test-helper endpoints as raw requests.
/// </summary>
public static class StripeTestClient
{
    public static IStripeClient Create(Uri apiBase, string apiKey, int retries, TimeSpan? deadline = null)
    {
        var services = new ServiceCollection();
        var settings = new Dictionary<string, string?>
        {
            ["Stripe:SecretKey"] = apiKey,
            ["Stripe:WebhookSecret"] = TestEmulator.WebhookSecret,
            // Given with its trailing slash on purpose: the registration must trim it for Stripe.net.
            ["Stripe:ApiBase"] = apiBase.ToString(),
            ["Stripe:MaxNetworkRetries"] = retries.ToString(CultureInfo.InvariantCulture),
        };
        if (deadline is { } bound)
        {
            settings["Stripe:Deadline"] = bound.ToString("c", CultureInfo.InvariantCulture);
        }

        services.AddStripeClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider().GetRequiredService<StripeClients>().Current;
    }

    public static Task<Session> CreateCheckoutSessionAsync(this IStripeClient client, SessionCreateOptions create, string idempotencyKey) =>
        new SessionService(client).CreateAsync(create, new RequestOptions { IdempotencyKey = idempotencyKey });

    public static Task<Session> GetCheckoutSessionAsync(this IStripeClient client, string id, SessionGetOptions? options = null) =>
        new SessionService(client).GetAsync(id, options);

    public static Task<Session> ExpireCheckoutSessionAsync(this IStripeClient client, string id, string? idempotencyKey = null) =>
        new SessionService(client).ExpireAsync(id, null, idempotencyKey is null ? null : new RequestOptions { IdempotencyKey = idempotencyKey });

    public static Task<Refund> CreateRefundAsync(this IStripeClient client, RefundCreateOptions refund, string idempotencyKey) =>
        new RefundService(client).CreateAsync(refund, new RequestOptions { IdempotencyKey = idempotencyKey });

    /// <summary>A POST to an endpoint Stripe.net has no service for (the emulator's test helpers), read as a Stripe object.</summary>
    public static async Task<T> PostAsync<T>(this IStripeClient client, string path, IEnumerable<KeyValuePair<string, object?>> form, string? idempotencyKey = null)
        where T : IStripeEntity =>
        ((StripeClient)client).Deserialize<T>(await RawPostAsync(client, path, form, idempotencyKey));

    public static async Task<JsonElement> PostJsonAsync(this IStripeClient client, string path, IEnumerable<KeyValuePair<string, object?>> form) =>
        JsonDocument.Parse(await RawPostAsync(client, path, form, null)).RootElement.Clone();

    public static async Task<JsonElement> GetJsonAsync(this IStripeClient client, string path) =>
        JsonDocument.Parse((await ((StripeClient)client).RawRequestAsync(HttpMethod.Get, "/" + path, null)).Content).RootElement.Clone();

    public static bool IsPaid(this Session session) => session is { Status: "complete", PaymentStatus: "paid" };

    /// <summary>A delivered event as the shop reads it: older API versions are read, not refused.</summary>
    public static Event ParseEvent(byte[] body) => EventUtility.ParseEvent(Encoding.UTF8.GetString(body), throwOnApiVersionMismatch: false);

    public static Session Session(this Event evt) => Assert.IsType<Session>(evt.Data.Object);

    public static Charge Charge(this Event evt) => Assert.IsType<Charge>(evt.Data.Object);

    public static Dispute Dispute(this Event evt) => Assert.IsType<Dispute>(evt.Data.Object);

    /// <summary>The shop's verifier over fixed options, on the given clock.</summary>
    public static StripeWebhookVerifier Verifier(StripeOptions options, TimeProvider? time = null) =>
        new(new FixedOptions(options), time ?? TimeProvider.System);

    public static StripeWebhookVerifier Verifier(string secret, TimeProvider? time = null, int toleranceSeconds = 300) =>
        Verifier(new StripeOptions { WebhookSecret = secret, WebhookToleranceSeconds = toleranceSeconds }, time);

    public static StripeWebhookVerdict Verify(this StripeWebhookVerifier verifier, byte[] body, string? header) =>
        verifier.Verify(Encoding.UTF8.GetString(body), header);

    public static string Sign(byte[] body, string secret, DateTimeOffset at) =>
        EventUtility.GenerateSignatureHeader(Encoding.UTF8.GetString(body), secret, at.ToUnixTimeSeconds());

    private static async Task<string> RawPostAsync(IStripeClient client, string path, IEnumerable<KeyValuePair<string, object?>> form, string? idempotencyKey)
    {
        var body = string.Join("&", form.Select(p =>
            Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "")));
        var options = idempotencyKey is null ? null : new RawRequestOptions { IdempotencyKey = idempotencyKey };
        return (await ((StripeClient)client).RawRequestAsync(HttpMethod.Post, "/" + path, body, options)).Content;
    }

    private sealed class FixedOptions(StripeOptions value) : IOptionsMonitor<StripeOptions>
    {
        public StripeOptions CurrentValue => value;

        public StripeOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<StripeOptions, string?> listener) => null;
    }
}
