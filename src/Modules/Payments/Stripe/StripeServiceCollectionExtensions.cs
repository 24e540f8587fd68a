using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Stripe.Checkout;

namespace Storefront.Payments.Stripe;

public static class StripeServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="StripeOptions"/> from the <c>Stripe</c> section (validated at start, so a missing key fails
    /// start rather than a buyer's checkout), Stripe.net's services on the current options and the webhook verifier.
    /// </summary>
    public static IServiceCollection AddStripeClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>()
            .Bind(configuration.GetSection(StripeOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.SecretKey),
                "Stripe:SecretKey (env Stripe__SecretKey) is required: the secret API key, sk_live_… or sk_test_….")
            .Validate(o => !string.IsNullOrWhiteSpace(o.WebhookSecret),
                "Stripe:WebhookSecret (env Stripe__WebhookSecret) is required: the webhook endpoint's signing secret, whsec_….")
            .Validate(o => Uri.TryCreate(o.ApiBase, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
                "Stripe:ApiBase (env Stripe__ApiBase) must be an absolute http(s) URL such as https://api.stripe.com.")
            .Validate(o => o.MaxNetworkRetries is >= 0 and <= 10, "Stripe:MaxNetworkRetries must be between 0 and 10.")
            .Validate(o => o.WebhookToleranceSeconds > 0, "Stripe:WebhookToleranceSeconds must be positive.")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Stripe:RequestTimeout must be positive.")
            .Validate(o => o.Deadline > TimeSpan.Zero && o.Deadline <= TimeSpan.FromMinutes(2),
                "Stripe:Deadline (env Stripe__Deadline) must be a positive time span of at most two minutes, such as 00:00:08.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        // Connections are recycled every few minutes so a long-lived client still follows DNS changes at Stripe.
        services.AddHttpClient(StripeClients.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.TryAddSingleton<StripeClients>();
        services.TryAddTransient(provider => new SessionService(provider.GetRequiredService<StripeClients>().Current));
        services.TryAddTransient(provider => new SessionLineItemService(provider.GetRequiredService<StripeClients>().Current));
        services.TryAddTransient(provider => new global::Stripe.RefundService(provider.GetRequiredService<StripeClients>().Current));
        services.TryAddSingleton<StripeWebhookVerifier>();
        return services;
    }
}
