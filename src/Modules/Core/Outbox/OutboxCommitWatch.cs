using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storefront.Core.Outbox;

/// <summary>
/// Signals the processor only once the messages enqueued in this unit of work are committed: woken earlier, it
/// would look before the rows are visible and then sleep through a whole poll interval. A save outside an explicit
/// transaction commits as it returns; inside one, the commit is the moment. One per unit of work (scoped), like
/// the context it watches, so it needs no locking.
/// </summary>
public sealed class OutboxCommitWatch(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly List<OutboxMessage> waiting = [];

    internal void Watch(OutboxMessage message) => waiting.Add(message);

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => WakeIfStored(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        WakeIfStored(eventData.Context);
        return Task.CompletedTask;
    }

    private void AfterSave(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            WakeIfStored(context);
        }
    }

    // EF commits its own transaction inside SaveChanges before it marks the entries saved, so a message still
    // "Added" at a commit was not part of it and has to wait for the save that stores it.
    private void WakeIfStored(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (waiting.Count == 0 || waiting.Any(m => context.Entry(m).State != EntityState.Unchanged))
        {
            return;
        }

        waiting.Clear();
        signal.Notify();
    }
}
