using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Storefront.Core.Data;

/// <summary>
/// Applies every module's pending <see cref="MigrationStep"/>s, each in its own transaction
/// together with its row in <c>schema_migrations</c>. Several instances starting at once are safe:
/// PostgreSQL serialises them with an advisory lock, SQLite with an immediate write transaction.
/// </summary>
public sealed class DataMigrator(StorefrontDbContext db, IEnumerable<IDataMigration> migrations, TimeProvider clock, ILogger<DataMigrator> logger)
{
    private const long AdvisoryLockKey = 0x5354_4f52_4546_524e; // "STOREFRN"

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var postgres = db.Database.IsNpgsql();
        var steps = migrations.SelectMany(m => m.Steps).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var duplicate = steps.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Migration id '{duplicate.Key}' is declared twice.");
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            }
            else
            {
                // Write-ahead logging lets readers and one writer work at once; the setting stays with the file.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
            }

            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (id VARCHAR(200) NOT NULL PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)",
                cancellationToken);

            // One read instead of a transaction per step: a start on a migrated database opens none. A step missing here
            // is still checked again under its transaction's lock, since another instance may be applying it now.
            var known = await AppliedIdsAsync(connection, cancellationToken);
            var applied = new List<string>();
            foreach (var step in steps.Where(s => !known.Contains(s.Id)))
            {
                await using var transaction = postgres
                    ? await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken)
                    : await BeginImmediateAsync(connection, cancellationToken);
                if (await IsAppliedAsync(connection, transaction, step.Id, cancellationToken))
                {
                    await transaction.RollbackAsync(cancellationToken);
                    continue;
                }

                await ExecuteAsync(connection, transaction, postgres ? step.Postgres : step.Sqlite, cancellationToken);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = transaction;
                    record.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @at)";
                    AddParameter(record, "@id", step.Id);
                    AddParameter(record, "@at", clock.GetUtcNow().UtcDateTime.ToString("O"));
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                applied.Add(step.Id);
                logger.LogInformation("Applied migration {MigrationId}", step.Id);
            }

            if (postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", cancellationToken);
            }

            return applied;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<DbTransaction> BeginImmediateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite opens IMMEDIATE transactions unless deferred is asked for, which takes
        // the write lock up front, so two instances cannot both see a step as pending.
        return await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
    }

    private static async Task<HashSet<string>> AppliedIdsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM schema_migrations";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE id = @id";
        AddParameter(command, "@id", id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
