using System.Data;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Storefront.Core.Data;
using Storefront.Media.Storage;

namespace Storefront.Host.Backup;

/// <summary><c>backup &lt;dir&gt;</c>: every table and every blob, into an empty or new folder.</summary>
internal sealed class BackupWriter(StorefrontDbContext db, IBlobStore blobs, TimeProvider clock)
{
    public async Task<BackupManifest> WriteAsync(string folder, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new BackupException($"The folder '{folder}' is not empty; back up into a new or empty folder.");
        }

        CreatePrivateFolder(folder);
        CreatePrivateFolder(Path.Combine(folder, "data"));
        var tables = new Dictionary<string, int>();
        await using var snapshot = await BeginSnapshotAsync(cancellationToken);
        foreach (var entity in BackupFormat.InDependencyOrder(db))
        {
            var count = 0;
            await using var writer = new StreamWriter(CreatePrivateFile(Path.Combine(folder, "data", BackupFormat.DataFile(entity))));
            await foreach (var row in BackupFormat.Rows(db, entity).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(row, entity.ClrType, BackupFormat.Json));
                count++;
            }

            tables[entity.GetTableName()!] = count;
        }

        await WriteCountersAsync(folder, cancellationToken);
        await snapshot.RollbackAsync(cancellationToken);
        var stored = new List<BackupBlob>();
        foreach (var area in Enum.GetValues<BlobArea>())
        {
            await foreach (var blob in blobs.ListAsync(area, cancellationToken))
            {
                var target = Path.Combine([folder, "blobs", area.ToString().ToLowerInvariant(), .. BlobKey.Parse(blob.Key).Segments]);
                CreatePrivateFolder(Path.GetDirectoryName(target)!);
                await using var source = await blobs.OpenReadAsync(area, BlobKey.Parse(blob.Key), cancellationToken)
                    ?? throw new BackupException($"The blob '{blob.Key}' vanished while it was being backed up; run the backup again.");
                await using var file = CreatePrivateFile(target);
                await source.CopyToAsync(file, cancellationToken);
                stored.Add(new BackupBlob(area.ToString(), blob.Key, blob.ContentType, blob.Length));
            }
        }

        var manifest = new BackupManifest(BackupFormat.Version, clock.GetUtcNow().UtcDateTime, db.Database.ProviderName ?? "", tables, stored);
        await using (var writer = new StreamWriter(CreatePrivateFile(Path.Combine(folder, "manifest.json"))))
        {
            await writer.WriteAsync(JsonSerializer.Serialize(manifest, new JsonSerializerOptions(BackupFormat.Json) { WriteIndented = true }).AsMemory(), cancellationToken);
        }

        return manifest;
    }

    /// <summary>
    /// The shop keeps selling while it is backed up: every table is read in one snapshot, so a paid order, what it
    /// granted and the counters that numbered it are saved together or not at all. Writers are never blocked.
    /// </summary>
    private async Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
            return transaction;
        }

        // A deferred SQLite transaction takes its snapshot at the first read and, in WAL mode, holds it while
        // writers commit; an immediate one (the default) would take the write lock and stall every purchase.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var sqlite = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        return await db.Database.UseTransactionAsync(sqlite, cancellationToken)
            ?? throw new InvalidOperationException("The database did not take the snapshot transaction.");
    }

    private async Task WriteCountersAsync(string folder, CancellationToken cancellationToken)
    {
        var counters = await db.Database.SqlQueryRaw<CounterRow>("SELECT name AS \"Name\", value AS \"Value\" FROM counters").ToListAsync(cancellationToken);
        await using var writer = new StreamWriter(CreatePrivateFile(Path.Combine(folder, "data", BackupFormat.CountersFile)));
        foreach (var counter in counters)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(counter, BackupFormat.Json).AsMemory(), cancellationToken);
        }
    }

    // A backup holds password hashes and buyer data: readable by the owner only, whatever the umask.
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static void CreatePrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // The mode given to CreateDirectory covers only the last folder; blob folders nest, so each level is made here.
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is not null && !Directory.Exists(parent))
        {
            CreatePrivateFolder(parent);
        }

        Directory.CreateDirectory(path, OwnerOnlyFolder);
        // An existing empty folder keeps its mode otherwise.
        File.SetUnixFileMode(path, OwnerOnlyFolder);
    }

    private static FileStream CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}

internal sealed class BackupException(string message) : Exception(message);
