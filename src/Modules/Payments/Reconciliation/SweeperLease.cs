using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Payments.Reconciliation;

/// <summary>Who may run a periodic job across all instances, until when: one row per job, taken by a conditional update.</summary>
public sealed class SweeperLease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTime ExpiresAt { get; set; }
}

/// <summary>
/// Leases in the database, so that of several instances only one runs a job at a time. The holder keeps its lease by
/// renewing it before it runs out; a dead holder's lease simply expires and the next instance to ask takes it.
/// </summary>
public sealed class SweeperLeases(StorefrontDbContext db, TimeProvider clock)
{
    public async Task<bool> TryTakeAsync(string name, string holder, TimeSpan length, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + length;
        var taken = await db.Set<SweeperLease>().Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        // The first round of several instances started together: one creates the row, the others' inserts change nothing
        // (a unique-key violation instead would be logged as a database error on every fresh start).
        return await db.Database.ExecuteSqlAsync(
            $"INSERT INTO sweeper_leases (name, holder, expires_at) VALUES ({name}, {holder}, {until}) ON CONFLICT (name) DO NOTHING",
            cancellationToken) == 1;
    }
}
