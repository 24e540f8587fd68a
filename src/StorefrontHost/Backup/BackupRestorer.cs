using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Security;
using Storefront.Media.Storage;

namespace Storefront.Host.Backup;

/// <summary>
/// <c>restore &lt;dir&gt;</c>: into a freshly migrated, empty store only, so a restore can never mix two
/// shops. Blobs first, then all rows in one transaction: a failed restore leaves the database empty.
/// </summary>
internal sealed class BackupRestorer(StorefrontDbContext db, IBlobStore blobs)
{
    public async Task<BackupManifest> RestoreAsync(string folder, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new BackupException($"'{folder}' is not a Storefront backup: manifest.json is missing.");
        }

        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken), BackupFormat.Json)
            ?? throw new BackupException("manifest.json is empty.");
        if (manifest.Format != BackupFormat.Version)
        {
            throw new BackupException($"This backup has format {manifest.Format}; this version reads format {BackupFormat.Version}.");
        }

        var entities = BackupFormat.InDependencyOrder(db);
        // A fresh instance creates its own key ring entry at start; keys are not shop data, and the
        // restored keys join it so links and cookies issued before the move keep working.
        foreach (var entity in entities.Where(e => e.ClrType != typeof(DataProtectionKey)))
        {
            if (await BackupFormat.Rows(db, entity).AnyAsync(cancellationToken))
            {
                throw new BackupException($"The target store is not empty (table {entity.GetTableName()} has rows); restore into a new database.");
            }
        }

        foreach (var blob in manifest.Blobs)
        {
            var area = Enum.Parse<BlobArea>(blob.Area);
            var key = BlobKey.Parse(blob.Key);
            await using var source = File.OpenRead(Path.Combine([folder, "blobs", blob.Area.ToLowerInvariant(), .. key.Segments]));
            await blobs.PutAsync(area, key, source, blob.ContentType, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var entity in entities)
        {
            var file = Path.Combine(folder, "data", BackupFormat.DataFile(entity));
            if (!File.Exists(file))
            {
                continue;
            }

            var pending = 0;
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                db.Add(JsonSerializer.Deserialize(line, entity.ClrType, BackupFormat.Json)!);
                if (++pending % 500 == 0)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    db.ChangeTracker.Clear();
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        foreach (var line in File.ReadLines(Path.Combine(folder, "data", BackupFormat.CountersFile)).Where(l => l.Length > 0))
        {
            var counter = JsonSerializer.Deserialize<CounterRow>(line, BackupFormat.Json)!;
            await db.Database.ExecuteSqlAsync($"UPDATE counters SET value = {counter.Value} WHERE name = {counter.Name}", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return manifest;
    }
}
