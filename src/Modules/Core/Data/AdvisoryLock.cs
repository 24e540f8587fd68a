using Microsoft.EntityFrameworkCore;

namespace Storefront.Core.Data;

/// <summary>
/// Lets instances of the shop that share one PostgreSQL database take turns at work that must happen once, such as what
/// a first start sets up: a session advisory lock on the context's connection, held while the work runs. A SQLite shop is
/// one instance, so there the work just runs.
/// </summary>
public static class AdvisoryLock
{
    public static async Task RunAsync(StorefrontDbContext db, long key, Func<Task> work, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await work();
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
            try
            {
                await work();
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
