using Microsoft.Extensions.Options;
using Stripe;

namespace Storefront.Payments.Stripe;

/// <summary>
/// The Stripe.net client for the options in force now. Keys and the API base may be changed in the admin while
/// the shop runs; the monitor hands out a new options object on every change, so one client is kept per
/// options value and a change applies to the next call without a restart.
/// </summary>
public sealed class StripeClients(IOptionsMonitor<StripeOptions> options, IHttpClientFactory httpClients)
{
    public const string HttpClientName = "Stripe";

    private Built? built;

    public IStripeClient Current
    {
        get
        {
            var current = options.CurrentValue;
            var held = built;
            if (held is not null && ReferenceEquals(held.Options, current))
            {
                return held.Client;
            }

            held = new Built(current, Create(current));
            built = held;
            return held.Client;
        }
    }

    private StripeClient Create(StripeOptions current)
    {
        var http = httpClients.CreateClient(HttpClientName);
        http.Timeout = current.RequestTimeout;
        return new StripeClient(new StripeClientOptions
        {
            ApiKey = current.SecretKey,
            // Stripe.net appends "/v1/…" to the base itself: a trailing slash would make "//v1/…".
            ApiBase = current.ApiBase.TrimEnd('/'),
            // Telemetry would report our request timings to Stripe on later requests; the shop does not share them.
            HttpClient = new StripeDeadline(new SystemNetHttpClient(http, current.MaxNetworkRetries, enableTelemetry: false), current.Deadline),
        });
    }

    private sealed record Built(StripeOptions Options, IStripeClient Client);
}
