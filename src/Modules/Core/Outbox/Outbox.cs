using System.Text.Json;
using Storefront.Core.Data;

namespace Storefront.Core.Outbox;

/// <summary>Adds work to the outbox inside the caller's unit of work; it is saved (or not) with it.</summary>
public sealed class Outbox(StorefrontDbContext db, OutboxSignal signal)
{
    public void Enqueue<T>(string type, string deduplicationKey, T payload)
    {
        db.Add(new OutboxMessage { Type = type, DeduplicationKey = deduplicationKey, Payload = JsonSerializer.Serialize(payload) });
        signal.Notify();
    }
}

/// <summary>Wakes the processor after a commit instead of waiting for its next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Notify()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Someone else woke it already.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);
}
