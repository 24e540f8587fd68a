using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Storefront.Core.Data;

namespace Storefront.Core.Settings;

/// <summary>
/// Keeps <see cref="StoredSettingsProvider"/> current: every <c>Settings__PollInterval</c> (2 s by default) for changes
/// made on other instances or by the command line, and at once after this instance saves a setting.
/// </summary>
public sealed class StoredSettingsRefresher(
    StoredSettingsProvider provider, StartupBarrier barrier, IConfiguration configuration, TimeProvider time, Caching.PageCache pages,
    ILogger<StoredSettingsRefresher> logger)
    : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    /// <summary>Hands the provider the decryption of stored secrets and re-reads, before anything validates or uses them.</summary>
    public static void UnlockSecrets(IServiceProvider services)
    {
        if (services.GetService<StoredSettingsProvider>() is not { } provider)
        {
            return;
        }

        var secrets = services.GetRequiredService<SecretSettings>();
        provider.UseProtector(secrets.Unprotect);
        services.GetRequiredService<StoredSettingsRefresher>().TryRefresh();
    }

    /// <summary>Re-reads now; a database that is briefly unreachable only delays the change to the next poll.</summary>
    public void TryRefresh()
    {
        try
        {
            if (provider.Refresh() is { Count: > 0 } changed)
            {
                // Key names only: the values may be secrets.
                logger.LogInformation("Stored settings changed ({Keys}); they apply now", string.Join(", ", changed));
                // The shop's name, logo and theme are on every page; the memory store evicts synchronously.
                pages.EvictAsync(Caching.SiteChangeTags.Catalogue).GetAwaiter().GetResult();
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or System.Security.Cryptography.CryptographicException)
        {
            logger.LogWarning("Could not re-read the stored settings ({Error}); keeping the current ones until the next poll", ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Settings:PollInterval", DefaultInterval);
        // No polling before the tables exist; right after migrations, once (they may have renamed stored keys).
        await barrier.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            TryRefresh();
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>
/// Re-reads the stored settings right after a save that touched them is committed (a recipe import saves inside its
/// own transaction), so the saving instance applies it at once.
/// </summary>
internal sealed class StoredSettingsSaveInterceptor(IServiceProvider services) : ChangeNoticingInterceptor, IDbTransactionInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ApplyUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ApplyUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Apply(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    protected override bool Touches(DbContext context) =>
        context.ChangeTracker.Entries<SiteSetting>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    /// <summary>Inside a transaction the rows are not visible to the provider's own connection until the commit.</summary>
    private void ApplyUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Apply(context);
        }
    }

    private void Apply(DbContext? context)
    {
        if (Take(context))
        {
            services.GetService<StoredSettingsRefresher>()?.TryRefresh();
        }
    }
}
