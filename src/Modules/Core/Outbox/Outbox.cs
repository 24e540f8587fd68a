using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Outbox;

/// <summary>
/// Adds work to the outbox inside the caller's unit of work; it is saved (or not) with it, and the processor is
/// woken once it is committed, so the work starts at once instead of at the next poll.
/// </summary>
public sealed class Outbox(StorefrontDbContext db, OutboxCommitWatch commits, TimeProvider clock)
{
    public void Enqueue<T>(string type, string deduplicationKey, T payload)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Type = type, DeduplicationKey = deduplicationKey, Payload = JsonSerializer.Serialize(payload), CreatedAt = now, AvailableAt = now,
        };
        db.Add(message);
        commits.Watch(message);
    }

    /// <summary>Whether work of this type and key was ever queued (sent or not): a caller answers a repeat without queuing it again.</summary>
    public Task<bool> IsQueuedAsync(string type, string deduplicationKey, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AnyAsync(m => m.Type == type && m.DeduplicationKey == deduplicationKey, cancellationToken);
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
