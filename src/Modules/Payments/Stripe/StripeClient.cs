using Microsoft.Extensions.Logging;
using Storefront.Payments.Stripe.Models;

namespace Storefront.Payments.Stripe;

/// <summary>
/// The Stripe REST calls the shop makes, on a typed <see cref="HttpClient"/> whose base address is
/// <c>Stripe:ApiBase</c>. Stripe.net cannot be restored here; this covers the few endpoints we use.
/// The container makes one per use (a request, an outbox message) from the options in force at that moment,
/// so a key changed in the admin applies to the next call without a restart.
/// </summary>
public sealed class StripeClient(HttpClient http, StripeOptions options, ILogger<StripeClient> logger)
{
    private readonly StripeRequestSender sender = new(http, options, logger);

    /// <param name="idempotencyKey">Derive it from our order (e.g. <c>checkout-{orderId}</c>) so a double click or a retried request makes one session.</param>
    public Task<CheckoutSession> CreateCheckoutSessionAsync(CheckoutSessionCreateOptions create, string idempotencyKey,
        CancellationToken cancellationToken = default) =>
        PostAsync<CheckoutSession>("v1/checkout/sessions", create.ToParameters(), idempotencyKey, cancellationToken);

    public Task<CheckoutSession> GetCheckoutSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        GetAsync<CheckoutSession>($"v1/checkout/sessions/{Uri.EscapeDataString(sessionId)}", cancellationToken);

    /// <summary>Stops an open session from being paid; Stripe answers 400 for one that is already complete or expired.</summary>
    public Task<CheckoutSession> ExpireCheckoutSessionAsync(string sessionId, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) =>
        PostAsync<CheckoutSession>($"v1/checkout/sessions/{Uri.EscapeDataString(sessionId)}/expire", [], idempotencyKey, cancellationToken);

    /// <param name="idempotencyKey">Derive it from what is being refunded (e.g. <c>refund-{orderId}</c>) so a retry cannot refund twice.</param>
    public Task<Refund> CreateRefundAsync(RefundCreateOptions refund, string idempotencyKey, CancellationToken cancellationToken = default) =>
        PostAsync<Refund>("v1/refunds", refund.ToParameters(), idempotencyKey, cancellationToken);

    /// <summary>Any v1 POST. Every POST carries an idempotency key: a fresh one when the caller has none to give.</summary>
    public Task<T> PostAsync<T>(string path, IEnumerable<KeyValuePair<string, object?>> parameters, string? idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var key = string.IsNullOrWhiteSpace(idempotencyKey) ? Guid.NewGuid().ToString() : idempotencyKey;
        // Checked here: an invalid header value would otherwise surface as a network failure and be retried.
        if (key.Length > 255 || !key.All(c => c is >= ' ' and <= '~'))
        {
            throw new ArgumentException("Stripe accepts idempotency keys of at most 255 printable ASCII characters.", nameof(idempotencyKey));
        }

        return sender.SendAsync<T>(HttpMethod.Post, path, StripeFormEncoder.Encode(parameters), key, cancellationToken);
    }

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        sender.SendAsync<T>(HttpMethod.Get, path, null, null, cancellationToken);
}
