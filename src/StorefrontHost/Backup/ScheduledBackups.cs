using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Media.Storage;

namespace Storefront.Host.Backup;

/// <summary><c>Backup__*</c>: scheduled backups, off until an interval is set.</summary>
public sealed class BackupOptions
{
    /// <summary>Where each backup gets a folder of its own (env <c>Backup__Directory</c>).</summary>
    public string? Directory { get; set; }

    /// <summary>Time between backups (env <c>Backup__Interval</c>); unset, none are taken.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>How many complete backups stay; older ones are deleted once a new one is complete (env <c>Backup__Keep</c>).</summary>
    public int Keep { get; set; } = 7;
}

/// <summary>
/// Takes the <c>backup &lt;dir&gt;</c> command's backup every <see cref="BackupOptions.Interval"/>, on one instance at a time
/// (a lease in the database), into a new folder named by its UTC time. A backup is written under a <c>.partial</c> name and
/// renamed only when complete, so a crash never leaves something that looks like a backup; then all but the newest
/// <see cref="BackupOptions.Keep"/> complete ones are deleted.
/// </summary>
internal sealed class ScheduledBackups(
    IServiceScopeFactory scopes, StartupBarrier barrier, IOptions<BackupOptions> options, TimeProvider clock, ILogger<ScheduledBackups> logger)
    : BackgroundService
{
    public const string LeaseName = "host.backup";
    internal const string Prefix = "storefront-";
    private const string PartialSuffix = ".partial";

    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Interval is not { } interval)
        {
            return;
        }

        await barrier.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // An operator must hear of it: the next backup is a whole interval away.
                logger.LogError(e, "Scheduled backup into {Directory} failed; trying again in {Interval}", options.Value.Directory, interval);
            }
        }
    }

    /// <summary>One backup, if this instance holds the lease: the folder written, or null when another instance's turn.</summary>
    public async Task<string?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var root = Path.GetFullPath(settings.Directory!);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var leases = services.GetRequiredService<Leases>();
        if (!await leases.TryTakeAsync(LeaseName, holder, settings.Interval ?? TimeSpan.FromHours(1), cancellationToken))
        {
            return null;
        }

        Directory.CreateDirectory(root);
        var folder = NewFolder(root);
        var manifest = await new BackupWriter(services.GetRequiredService<StorefrontDbContext>(), services.GetRequiredService<IBlobStore>(), clock)
            .WriteAsync(folder + PartialSuffix, cancellationToken);
        Directory.Move(folder + PartialSuffix, folder);
        await leases.CompleteAsync(LeaseName, holder, cancellationToken);
        var deleted = Prune(root, settings.Keep);
        logger.LogInformation("Scheduled backup written to {Folder}: {Rows} row(s), {Files} file(s); {Deleted} older backup(s) deleted",
            folder, manifest.Tables.Values.Sum(), manifest.Blobs.Count, deleted);
        return folder;
    }

    /// <summary>The complete backups in <paramref name="root"/>, newest first: a folder name sorts by the time it was taken.</summary>
    internal static IReadOnlyList<string> Complete(string root) =>
        [.. Directory.EnumerateDirectories(root, Prefix + "*")
            .Where(d => !d.EndsWith(PartialSuffix, StringComparison.Ordinal) && File.Exists(Path.Combine(d, "manifest.json")))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)];

    private string NewFolder(string root)
    {
        var name = Path.Combine(root, Prefix + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'"));
        var folder = name;
        for (var n = 2; Directory.Exists(folder) || Directory.Exists(folder + PartialSuffix); n++)
        {
            folder = $"{name}-{n}";
        }

        return folder;
    }

    private int Prune(string root, int keep)
    {
        var old = Complete(root).Skip(keep).ToList();
        foreach (var folder in old)
        {
            Directory.Delete(folder, recursive: true);
        }

        // What a crash left half-written; a day is far longer than any backup takes.
        foreach (var partial in Directory.EnumerateDirectories(root, Prefix + "*" + PartialSuffix)
            .Where(d => Directory.GetLastWriteTimeUtc(d) < clock.GetUtcNow().UtcDateTime.AddDays(-1)))
        {
            Directory.Delete(partial, recursive: true);
        }

        return old.Count;
    }
}

internal static class ScheduledBackupsExtensions
{
    public static WebApplicationBuilder AddScheduledBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().Bind(builder.Configuration.GetSection("Backup"))
            .Validate(o => o.Interval is null || o.Interval >= TimeSpan.FromSeconds(1), "Backup:Interval (env Backup__Interval) must be at least a second, such as 1.00:00:00 for daily.")
            .Validate(o => o.Interval is null || !string.IsNullOrWhiteSpace(o.Directory), "Backup:Directory (env Backup__Directory) must name a folder when Backup__Interval is set.")
            .Validate(o => o.Keep >= 1, "Backup:Keep (env Backup__Keep) must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ScheduledBackups>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ScheduledBackups>());
        return builder;
    }
}
