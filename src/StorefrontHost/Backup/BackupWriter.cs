using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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
