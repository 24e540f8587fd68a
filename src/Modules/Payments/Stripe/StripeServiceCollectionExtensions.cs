using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Storefront.Payments.Stripe;

public static class StripeServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="StripeOptions"/> from the <c>Stripe</c> section (validated at start, so a missing key fails
    /// start rather than a buyer's checkout), the typed <see cref="StripeClient"/> and the webhook verifier.
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
            .Validate(o => !string.IsNullOrWhiteSpace(o.ApiVersion),
                "Stripe:ApiVersion must name an API version such as " + StripeOptions.PinnedApiVersion + ".")
            .Validate(o => o.MaxNetworkRetries is >= 0 and <= 10, "Stripe:MaxNetworkRetries must be between 0 and 10.")
            .Validate(o => o.WebhookToleranceSeconds > 0, "Stripe:WebhookToleranceSeconds must be positive.")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Stripe:RequestTimeout must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        // Read from IOptionsMonitor at each use, not IOptions once: the keys may change while the shop runs
        // (typed into the admin), and a change rebuilds the monitored options.
        services.AddHttpClient(nameof(StripeClient), (provider, http) =>
            {
                var options = Current(provider);
                // The trailing slash keeps a path prefix (a proxy, the emulator under /stripe-emulator) when relative paths resolve.
                http.BaseAddress = new Uri(options.ApiBase.TrimEnd('/') + "/");
                http.Timeout = options.RequestTimeout;
            })
            .AddTypedClient((http, provider) => new StripeClient(http, Current(provider), provider.GetRequiredService<ILogger<StripeClient>>()));
        services.TryAddTransient(provider =>
        {
            var options = Current(provider);
            return new StripeWebhookSignature(options.WebhookSecrets, TimeSpan.FromSeconds(options.WebhookToleranceSeconds),
                provider.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    private static StripeOptions Current(IServiceProvider provider) => provider.GetRequiredService<IOptionsMonitor<StripeOptions>>().CurrentValue;
}
