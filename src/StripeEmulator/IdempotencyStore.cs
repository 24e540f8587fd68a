namespace Storefront.StripeEmulator;

internal enum IdempotencyOutcome
{
    Started,
    Replay,
    Mismatch,
    InUse,
}

/// <summary>
/// Stripe's idempotency layer: per API key, the first request with a key is executed and its answer
/// saved; a retry with the same parameters gets that answer again, a reuse with other parameters (or
/// another endpoint) is refused, and a retry while the first is still running is told to wait (409).
/// </summary>
internal sealed class IdempotencyStore
{
    private readonly Dictionary<(string ApiKey, string Key), Entry> entries = [];
    private readonly Lock gate = new();

    public (IdempotencyOutcome Outcome, ApiResponse? Saved, string? OriginalRequestId) Begin(string apiKey, string key, string fingerprint)
    {
        lock (gate)
        {
            if (!entries.TryGetValue((apiKey, key), out var entry))
            {
                entries[(apiKey, key)] = new Entry(fingerprint);
                return (IdempotencyOutcome.Started, null, null);
            }

            if (entry.Fingerprint != fingerprint)
            {
                return (IdempotencyOutcome.Mismatch, null, null);
            }

            return entry.Response is null
                ? (IdempotencyOutcome.InUse, null, null)
                : (IdempotencyOutcome.Replay, entry.Response, entry.RequestId);
        }
    }

    /// <summary>Saves an executed answer; a refused one (validation) frees the key for a corrected retry.</summary>
    public void Complete(string apiKey, string key, ApiResponse response, string requestId)
    {
        lock (gate)
        {
            if (response.Executed)
            {
                entries[(apiKey, key)] = entries[(apiKey, key)] with { Response = response, RequestId = requestId };
            }
            else
            {
                entries.Remove((apiKey, key));
            }
        }
    }

    private sealed record Entry(string Fingerprint)
    {
        public ApiResponse? Response { get; init; }

        public string? RequestId { get; init; }
    }
}
