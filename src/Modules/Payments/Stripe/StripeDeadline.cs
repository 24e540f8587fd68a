using Stripe;

namespace Storefront.Payments.Stripe;

/// <summary>
/// Bounds one Stripe call, its retries and their back-off sleeps included, by one total deadline. Stripe.net's own
/// timeout is per attempt, so a slow Stripe held a buyer's request for every attempt in turn; a buyer should get an
/// answer, even "try again", within a few seconds. Running out of time is reported as a <see cref="StripeException"/>,
/// the failure every caller already handles as "Stripe could not answer".
/// </summary>
internal sealed class StripeDeadline(IHttpClient inner, TimeSpan deadline) : IHttpClient
{
    public Task<StripeResponse> MakeRequestAsync(StripeRequest request, CancellationToken cancellationToken = default) =>
        WithinAsync(token => inner.MakeRequestAsync(request, token), cancellationToken);

    public Task<StripeStreamedResponse> MakeStreamingRequestAsync(StripeRequest request, CancellationToken cancellationToken = default) =>
        WithinAsync(token => inner.MakeStreamingRequestAsync(request, token), cancellationToken);

    private async Task<T> WithinAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            // WaitAsync as well: Stripe.net sleeps between retries without a token, which must not outlast the deadline.
            return await call(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StripeException($"Stripe did not answer within {deadline.TotalSeconds:0.#} s.", ex);
        }
    }
}
