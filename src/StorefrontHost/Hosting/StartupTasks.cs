using Storefront.Core.Data;
using Storefront.Core.Recipes;
using Storefront.Core.Settings;

namespace Storefront.Host.Hosting;

/// <summary>
/// Before the server takes requests: apply pending migrations, then, on a site that has never been
/// set up, import the recipe named by <c>Setup__Recipe</c>.
/// </summary>
internal sealed class StartupTasks(IServiceProvider services, IConfiguration configuration, StartupBarrier barrier, ILogger<StartupTasks> logger) : IHostedService
{
    public const string SetupCompletedKey = "setup.recipe";

    /// <summary>Replicas of a new shop starting together on one database import the recipe once, one after another.</summary>
    private const long SetupLockKey = 0x5354_4f52_5345_5455; // "STORSETU"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DataMigrator>().MigrateAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<Storefront.Core.Security.KeyRingSeed>().EnsureAsync(cancellationToken);
            if (configuration["Setup:Recipe"] is { Length: > 0 } recipe)
            {
                await SetupAsync(scope.ServiceProvider, recipe, cancellationToken);
            }

            barrier.Open();
        }
        catch (Exception ex)
        {
            barrier.Fail(ex);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task SetupAsync(IServiceProvider provider, string recipe, CancellationToken cancellationToken) =>
        AdvisoryLock.RunAsync(provider.GetRequiredService<StorefrontDbContext>(), SetupLockKey,
            () => SetupOnceAsync(provider, recipe, cancellationToken), cancellationToken);

    private async Task SetupOnceAsync(IServiceProvider provider, string recipe, CancellationToken cancellationToken)
    {
        var settings = provider.GetRequiredService<SiteSettingsStore>();
        if (await settings.GetStoredAsync(SetupCompletedKey, cancellationToken) is not null)
        {
            return;
        }

        var result = await provider.GetRequiredService<RecipeImporter>().ImportFileAsync(recipe, cancellationToken);
        await settings.StageAsync(SetupCompletedKey, result.Name, cancellationToken);
        await provider.GetRequiredService<StorefrontDbContext>().SaveChangesAsync(cancellationToken);
        logger.LogInformation("First-start setup imported recipe {Recipe}", result.Name);
    }
}
