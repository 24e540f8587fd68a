using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storefront.Core.Data;

/// <summary>
/// Makes every SQLite connection wait for a busy database inside SQLite itself (sqlite3_busy_timeout)
/// instead of failing with "database is locked" when two writers meet, which they do as soon as the
/// outbox, a webhook and a buyer's request share one file. With write-ahead logging (set by the migrator),
/// <c>synchronous = NORMAL</c> syncs the log at checkpoints instead of on every commit: a crash of the process loses
/// nothing committed, and a crash of the machine or a power loss can undo the last commits but never corrupts the file. Syncing every commit
/// costs milliseconds each and serialises every writer (each download writes twice) behind the disk; a fulfilment
/// undone by a power loss is repaired by the reconciliation sweep, and a download's reservation by the attempt sweep.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }
}
