using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Storefront.Core.Data;
using Storefront.Core.Settings;

namespace Storefront.Operations.Settings;

/// <summary>
/// The configuration values typed into the admin (secrets decrypted), as one immutable snapshot that every
/// build of <c>StripeOptions</c> and <c>EmailOptions</c> reads (see <see cref="StoredStripeOptions"/>).
/// <para>
/// Why a polled snapshot with a change token: the app runs as several stateless instances over one database,
/// so a save on one instance cannot tell the others directly. Each instance re-reads the few rows under the
/// <c>secret.</c> and <c>config.</c> prefixes every couple of seconds (<see cref="StoredConfigurationPoller"/>) and,
/// when anything differs, fires <see cref="ChangeToken"/>, on which <c>IOptionsMonitor</c> rebuilds the options;
/// the instance that saved refreshes at once. Reading per use instead would put a query and a decryption on
/// every Stripe call and webhook; this costs one tiny query per instance every few seconds, and works the same
/// whether the change came from the admin, a restore or another instance.
/// </para>
/// </summary>
public sealed class StoredConfiguration(
    IServiceScopeFactory scopes, SecretSettings secrets, EnvironmentSettings environment, TimeProvider time, ILogger<StoredConfiguration> logger)
    : IStoredConfiguration
{
    private readonly Lock gate = new();
    private IReadOnlyDictionary<string, string>? values;
    private ConfigurationReloadToken token = new();

    /// <summary>Configuration key → stored value; the environment still wins, which the options' post-configuration applies.</summary>
    public IReadOnlyDictionary<string, string> Values => Volatile.Read(ref values) ?? FirstLoad();

    /// <summary>Fires once when the stored values change; ask again for the next one.</summary>
    public IChangeToken ChangeToken => Volatile.Read(ref token);

    public string? Get(string configurationKey) => Values.GetValueOrDefault(configurationKey);

    /// <summary>The stored value for a key the environment leaves empty; null when the environment sets it (it wins) or nothing is stored.</summary>
    public string? Override(string configurationKey) => environment.Provides(configurationKey) ? null : Get(configurationKey);

    /// <summary>
    /// Re-reads the stored values and fires the change token if any differ. Synchronous like the options pipeline
    /// it feeds: a handful of rows, on a background thread or right after an admin's save.
    /// </summary>
    /// <exception cref="DbException">The database could not be read; the previous values stay in force.</exception>
    public void Refresh()
    {
        ConfigurationReloadToken fired;
        List<string> changed;
        // Read under the lock: a poll that started before an admin's save must not finish after it and put old values back.
        lock (gate)
        {
            var fresh = Load();
            var old = values ?? new Dictionary<string, string>();
            changed = old.Keys.Union(fresh.Keys).Where(k => old.GetValueOrDefault(k) != fresh.GetValueOrDefault(k)).Order().ToList();
            Volatile.Write(ref values, fresh);
            if (changed.Count == 0)
            {
                return;
            }

            // The new token is in place before the old one fires, so a listener that re-subscribes gets the next change.
            fired = Interlocked.Exchange(ref token, new ConfigurationReloadToken());
        }

        // Key names only: the values are secrets.
        logger.LogInformation("Settings stored from the admin changed ({Keys}); they apply now", string.Join(", ", changed));
        fired.OnReload();
    }

    /// <summary><see cref="Refresh"/>, but a database that is briefly unreachable only delays the change to the next poll.</summary>
    public void TryRefresh()
    {
        try
        {
            Refresh();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not re-read the stored settings ({Error}); keeping the current ones until the next poll", ex.Message);
        }
    }

    private IReadOnlyDictionary<string, string> FirstLoad()
    {
        lock (gate)
        {
            if (values is not null)
            {
                return values;
            }

            try
            {
                values = Load();
            }
            catch (DbException ex)
            {
                // On the very first start the table does not exist until migrations run; the poller reads it after them.
                logger.LogDebug(ex, "No stored settings readable yet");
                values = new Dictionary<string, string>();
            }

            return values;
        }
    }

    private Dictionary<string, string> Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        // Plain ADO on EF's connection (so SQLite's busy timeout applies): a failed query here is expected on a
        // first start, and EF would log it as an error.
        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT key, value FROM site_settings WHERE key LIKE '{SettingKeys.SecretPrefix}%' OR key LIKE '{SettingKeys.ConfigurationPrefix}%'";
            using var reader = command.ExecuteReader();
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var (key, stored) = (reader.GetString(0), reader.GetString(1));
                var value = key.StartsWith(SettingKeys.SecretPrefix, StringComparison.Ordinal) ? secrets.Unprotect(stored) : stored;
                // An empty value is a cleared field: it means "not set", not "set to nothing".
                if (!string.IsNullOrWhiteSpace(value))
                {
                    result[key[(key.IndexOf('.') + 1)..]] = value.Trim();
                }
            }

            WebhookRotation.DropExpired(result, time.GetUtcNow());
            return result;
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }
}
