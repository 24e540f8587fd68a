using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Payments.Orders;

/// <summary>One step on orders in its own transaction, under the provider's execution strategy (retries on PostgreSQL).</summary>
internal static class OrderTransactions
{
    public static Task<string> RunAsync(StorefrontDbContext db, Func<Task<string>> step) => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var outcome = await step();
        // What the step staged (an outbox message, an audit entry) commits with what it changed directly.
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return outcome;
    });
}
