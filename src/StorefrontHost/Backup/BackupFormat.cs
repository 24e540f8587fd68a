using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Storefront.Core.Data;

namespace Storefront.Host.Backup;

/// <summary>
/// A backup is a folder: <c>manifest.json</c>, one JSON-lines file per table under <c>data/</c>, and
/// every blob under <c>blobs/public/</c> and <c>blobs/private/</c>. It is independent of the database
/// provider, so a SQLite shop can be restored onto PostgreSQL (and back) when it moves servers.
/// </summary>
internal static class BackupFormat
{
    public const int Version = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Tables the data context does not map (kept by raw SQL), saved and restored as name/value rows.</summary>
    public const string CountersFile = "counters.jsonl";

    public static string DataFile(IEntityType entity) => entity.GetTableName() + ".jsonl";

    /// <summary>The tables a backup holds (every mapped one but the leases), each principal before its dependents, so restoring never breaks a foreign key.</summary>
    public static IReadOnlyList<IEntityType> InDependencyOrder(StorefrontDbContext db)
    {
        var ordered = new List<IEntityType>();
        void Visit(IEntityType entity, HashSet<IEntityType> visiting)
        {
            if (ordered.Contains(entity) || !visiting.Add(entity))
            {
                return;
            }

            foreach (var key in entity.GetForeignKeys())
            {
                Visit(key.PrincipalEntityType, visiting);
            }

            ordered.Add(entity);
        }

        // Leases belong to the instances running now, not to the shop: a restored one would keep a dead holder's job
        // waiting, and a fresh store's own lease is not someone else's data.
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType != typeof(Lease)).OrderBy(e => e.GetTableName(), StringComparer.Ordinal))
        {
            Visit(entity, []);
        }

        return ordered;
    }

    /// <summary>All rows of one entity type, untracked.</summary>
    public static IQueryable<object> Rows(StorefrontDbContext db, IEntityType entity)
    {
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
        var noTracking = typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.AsNoTracking))!
            .MakeGenericMethod(entity.ClrType).Invoke(null, [set])!;
        return ((IQueryable)noTracking).Cast<object>();
    }
}

internal sealed record BackupManifest(int Format, DateTime CreatedAt, string Provider, Dictionary<string, int> Tables, List<BackupBlob> Blobs);

internal sealed record BackupBlob(string Area, string Key, string ContentType, long Length);

internal sealed record CounterRow(string Name, long Value);
