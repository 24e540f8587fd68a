using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Storefront.Payments.Stripe;
using Stripe.Checkout;
using StripeException = Stripe.StripeException;

namespace Storefront.Payments.Checkout;

/// <summary>
/// Stripe's answer about a Checkout Session, shared for a few seconds by every request that asks. The success page
/// refreshes itself while a payment is processing, and anyone may load it; without this each load was a call to Stripe,
/// and with Stripe failing each load waited for every retry. A failure is remembered too, so a failing Stripe gets
/// one call per period. Only sessions of our own pending orders reach here, which bounds what is held.
/// </summary>
public sealed class CheckoutSessionLookup(IMemoryCache cache, StripeClients clients, ILogger<CheckoutSessionLookup> logger)
{
    /// <summary>Shorter than the success page's own refresh (4 s): a buyer who has paid sees the links on the next one.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(3);

    public Task<Session?> GetAsync(string sessionId) =>
        cache.GetOrCreate((typeof(CheckoutSessionLookup), sessionId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Fresh;
            entry.Size = 1;
            // Lazy, so requests that find the entry while the call is under way wait for it instead of calling again.
            return new Lazy<Task<Session?>>(() => AskAsync(sessionId));
        })!.Value;

    private async Task<Session?> AskAsync(string sessionId)
    {
        try
        {
            // No request's token: the answer is shared, so one buyer closing the tab must not cancel it for the others.
            // Stripe's deadline bounds the call.
            return await new SessionService(clients.Current).GetAsync(sessionId, cancellationToken: CancellationToken.None);
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning(ex, "Could not ask Stripe about checkout session {SessionId}", sessionId);
            return null;
        }
    }
}
