using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Storefront.Core.Data;
using Storefront.Core.Security;
using Storefront.Media.Storage;

namespace Storefront.Host.Backup;

/// <summary>
/// <c>restore &lt;dir&gt;</c>: into a freshly migrated, empty store only, so a restore can never mix two
/// shops. Blobs first, then all rows in one transaction: a failed restore leaves the database empty.
/// </summary>
internal sealed class BackupRestorer(StorefrontDbContext db, IBlobStore blobs, string? keyEncryptionKey)
{
    public async Task<RestoreResult> RestoreAsync(string folder, CancellationToken cancellationToken)
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
        // Restored under a key that cannot open the backed-up ring, the shop would make a new key and refuse every link
        // and cookie issued before it; nothing is written until the ring is known to open.
        var ring = ReadRows(folder, entities.Single(e => e.ClrType == typeof(DataProtectionKey))).Cast<DataProtectionKey>().Select(k => k.Xml);
        if (KeyRingCheck.WhyUnreadable(ring, keyEncryptionKey) is { } reason)
        {
            throw new BackupException($"The backup's key ring cannot be decrypted with DataProtection__KeyEncryptionKey: {reason}. "
                + "Set the key of the shop that was backed up; nothing was restored.");
        }

        // A fresh store already holds what migrations seed (roles) and the key ring entry its first start
        // made. Rows the backup holds too are kept as they are; any other row means this is someone's shop.
        var existing = new Dictionary<IEntityType, HashSet<string>>();
        foreach (var entity in entities)
        {
            var backedUp = ReadRows(folder, entity).Select(row => KeyOf(entity, row)).ToHashSet();
            var notEmpty = new BackupException($"The target store is not empty (table {entity.GetTableName()} has rows); restore into a new database.");
            // Counted first, so a shop's big table is refused without reading its rows; the keys of a fresh store's few
            // rows are read whole, so none of them can be missed and collide with the backup's in the transaction.
            var count = await BackupFormat.Rows(db, entity).LongCountAsync(cancellationToken);
            if (entity.ClrType != typeof(DataProtectionKey) && count > backedUp.Count)
            {
                throw notEmpty;
            }

            HashSet<string> keys = count == 0 ? [] : (await BackupFormat.Rows(db, entity).ToListAsync(cancellationToken)).Select(row => KeyOf(entity, row)).ToHashSet();
            if (entity.ClrType != typeof(DataProtectionKey) && keys.Any(key => !backedUp.Contains(key)))
            {
                throw notEmpty;
            }

            existing[entity] = keys;
        }

        foreach (var blob in manifest.Blobs)
        {
            var area = Enum.Parse<BlobArea>(blob.Area);
            var key = BlobKey.Parse(blob.Key);
            await using var source = File.OpenRead(Path.Combine([folder, "blobs", blob.Area.ToLowerInvariant(), .. key.Segments]));
            await blobs.PutAsync(area, key, source, blob.ContentType, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (written, kept) = (0, 0);
        foreach (var entity in entities)
        {
            var pending = 0;
            foreach (var row in ReadRows(folder, entity))
            {
                if (existing[entity].Contains(KeyOf(entity, row)))
                {
                    kept++;
                    continue;
                }

                db.Add(row);
                written++;
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
        return new RestoreResult(manifest, written, kept);
    }

    private static IEnumerable<object> ReadRows(string folder, IEntityType entity)
    {
        var file = Path.Combine(folder, "data", BackupFormat.DataFile(entity));
        return File.Exists(file)
            ? File.ReadLines(file).Where(l => l.Length > 0).Select(line => JsonSerializer.Deserialize(line, entity.ClrType, BackupFormat.Json)!)
            : [];
    }

    private static string KeyOf(IEntityType entity, object row) =>
        string.Join('|', entity.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(p.PropertyInfo!.GetValue(row), System.Globalization.CultureInfo.InvariantCulture)));
}

/// <summary>What a restore wrote, and how many of the backup's rows the store held already (a fresh store's seeded roles and key).</summary>
internal sealed record RestoreResult(BackupManifest Manifest, int RowsWritten, int RowsKept);
