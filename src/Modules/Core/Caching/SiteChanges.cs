using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storefront.Core.Data;

namespace Storefront.Core.Caching;

internal sealed class SiteChanges(StorefrontDbContext db, SiteChangesCommitWatch watch) : ISiteChanges
{
    public async Task AnnounceAsync(string tag, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Evicting now would let a page rendered before the commit be stored with the old data; and the row is bumped
            // after the commit, never inside: a sale reserving two products would otherwise lock it between them.
            watch.AnnounceOnCommit(db, tag);
            return;
        }

        await watch.AnnounceAsync([tag], cancellationToken);
    }

    /// <summary>One statement, atomic on SQLite and PostgreSQL alike, whoever announces at the same moment; returns the new version.</summary>
    public static async Task<long> BumpAsync(StorefrontDbContext db, string tag, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<long>(
            $"INSERT INTO site_changes (tag, version) VALUES ({tag}, 1) ON CONFLICT (tag) DO UPDATE SET version = site_changes.version + 1 RETURNING version AS \"Value\"")
            .ToListAsync(cancellationToken)).Single();
}

/// <summary>Announces what a transaction changed once it commits; a rollback forgets it.</summary>
internal sealed class SiteChangesCommitWatch(IServiceScopeFactory scopes, PageCache cache, ILogger<SiteChangesCommitWatch> logger) : DbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> pending = new();

    public void AnnounceOnCommit(DbContext context, string tag)
    {
        var tags = pending.GetValue(context, _ => []);
        lock (tags)
        {
            tags.Add(tag);
        }
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        AnnounceAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) => AnnounceAsync(eventData.Context, cancellationToken);

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }

    private async Task AnnounceAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !pending.TryGetValue(context, out var tags))
        {
            return;
        }

        pending.Remove(context);
        string[] announced;
        lock (tags)
        {
            announced = [.. tags];
        }

        await AnnounceAsync(announced, cancellationToken);
    }

    /// <summary>
    /// Evicts here, then tells the other instances. The change itself is already committed: nothing here may make it look
    /// failed (this runs inside the commit's call), so a failure is logged and other instances' copies expire on their own.
    /// </summary>
    public async Task AnnounceAsync(IReadOnlyList<string> announced, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var tag in announced)
            {
                await cache.EvictAsync(tag, CancellationToken.None);
            }

            // The committing context is still inside its commit; the row goes through a context of its own.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
            foreach (var tag in announced)
            {
                cache.NoteOwn(tag, await SiteChanges.BumpAsync(db, tag, CancellationToken.None));
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not announce a change of {Tags} to other instances ({Error})", string.Join(", ", announced), ex.Message);
        }
    }
}
