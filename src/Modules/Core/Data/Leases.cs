using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Core.Data;

/// <summary>Who may run a periodic job across all instances, until when, and when a run of it last finished: one row per job.</summary>
public sealed class Lease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>When a holder last reported a run finished; every instance reads it to tell how far behind the job is.</summary>
    public DateTime? CompletedAt { get; set; }
}

/// <summary>
/// Leases in the database, so that of several instances only one runs a job at a time. The holder keeps its lease by
/// renewing it before it runs out; a dead holder's lease simply expires and the next instance to ask takes it.
/// </summary>
public sealed class Leases(StorefrontDbContext db, TimeProvider clock)
{
    public async Task<bool> TryTakeAsync(string name, string holder, TimeSpan length, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + length;
        var taken = await db.Set<Lease>().Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
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

    /// <summary>Records that the holder finished a run now; a holder that lost the lease meanwhile records nothing.</summary>
    public Task<int> CompleteAsync(string name, string holder, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<Lease>().Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.CompletedAt, now), cancellationToken);
    }

    /// <summary>When any instance last finished a run of the job, or null if none ever did.</summary>
    public Task<DateTime?> LastCompletedAsync(string name, CancellationToken cancellationToken) =>
        db.Set<Lease>().AsNoTracking().Where(l => l.Name == name).Select(l => l.CompletedAt).FirstOrDefaultAsync(cancellationToken);
}

internal sealed class LeaseModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<Lease>(entity =>
    {
        entity.ToTable("sweeper_leases");
        entity.HasKey(l => l.Name);
    });
}

/// <summary>
/// The table began in Payments (0244, for reconciliation) and is now every module's: created here too when Payments is
/// switched off, and left as it is where 0244 made it.
/// </summary>
internal sealed class LeaseMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0270-core-leases",
            Sqlite: "CREATE TABLE IF NOT EXISTS sweeper_leases (name TEXT NOT NULL PRIMARY KEY, holder TEXT NOT NULL, expires_at TEXT NOT NULL);",
            Postgres: "CREATE TABLE IF NOT EXISTS sweeper_leases (name TEXT NOT NULL PRIMARY KEY, holder TEXT NOT NULL, expires_at TIMESTAMPTZ NOT NULL);"),
        new("0271-core-lease-completed-at",
            Sqlite: "ALTER TABLE sweeper_leases ADD COLUMN completed_at TEXT NULL;",
            Postgres: "ALTER TABLE sweeper_leases ADD COLUMN completed_at TIMESTAMPTZ NULL;"),
    ];
}

public static class LeaseServiceCollectionExtensions
{
    public static IServiceCollection AddLeases(this IServiceCollection services)
    {
        services.AddSingleton<IEntityModelContributor, LeaseModel>();
        services.AddSingleton<IDataMigration, LeaseMigrations>();
        services.AddScoped<Leases>();
        return services;
    }
}
