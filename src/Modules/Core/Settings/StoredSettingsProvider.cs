using System.Data.Common;
using Microsoft.Extensions.Configuration;

namespace Storefront.Core.Settings;

/// <summary>
/// The settings typed into the admin (the <c>site_settings</c> table) as a configuration provider. The host places it
/// after appsettings and before the environment, so the one configuration chain decides precedence for every key:
/// appsettings &lt; stored &lt; environment.
/// <para>
/// Why a polled provider: the app runs as several stateless instances over one database, so a save on one instance
/// cannot tell the others directly. Each instance re-reads the few rows every <c>Settings__PollInterval</c> and fires
/// the configuration's reload token only when a value differs; <c>IOptionsMonitor</c> then rebuilds the options bound
/// to it. The instance that saved re-reads at once. Nothing reads or decrypts settings per request.
/// </para>
/// <para>
/// Secrets are stored encrypted with Data Protection, whose key ring lives in the same database and exists only once
/// the service provider is built: until <see cref="UseProtector"/> hands over the decryption, secrets are left out.
/// </para>
/// </summary>
public sealed class StoredSettingsProvider(StoredSettingRows rows, TimeProvider time) : ConfigurationProvider, IConfigurationSource
{
    private readonly Lock gate = new();
    private Func<string, string?>? unprotect;

    /// <summary>Same instance on every build: the configuration manager rebuilds its providers when a source is inserted.</summary>
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>A database that cannot be read (yet: first start, before migrations) means "nothing stored".</summary>
    public override void Load()
    {
        lock (gate)
        {
            try
            {
                Data = Read();
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException)
            {
                // Also a malformed connection string: the data context's own start-up check reports it, naming the key.
                Data = Empty();
            }
        }
    }

    public void UseProtector(Func<string, string?> decrypt)
    {
        unprotect = decrypt;
    }

    /// <summary>
    /// Re-reads the stored values; fires the reload token and returns the changed keys (names only, values may be
    /// secrets) when any differ.
    /// </summary>
    /// <exception cref="DbException">The database could not be read; the values in force stay.</exception>
    public IReadOnlyList<string> Refresh()
    {
        List<string> changed;
        // Read under the lock: a poll that started before an admin's save must not finish after it and put old values back.
        lock (gate)
        {
            var fresh = Read();
            changed = Data.Keys.Union(fresh.Keys, StringComparer.OrdinalIgnoreCase)
                .Where(k => Data.TryGetValue(k, out var old) != fresh.TryGetValue(k, out var now) || old != now).Order(StringComparer.Ordinal).ToList();
            if (changed.Count == 0)
            {
                return changed;
            }

            Data = fresh;
        }

        OnReload();
        return changed;
    }

    private Dictionary<string, string?> Read()
    {
        var values = Empty();
        var expiries = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        // Old keys first, so a value stored under today's key wins over one a restored older backup brought back.
        var parsed = rows.ReadAll().Select(row => (Key: StoredSettingKey.Parse(row.Key, row.Protected), row.Value))
            .Where(row => row.Key is not null).OrderByDescending(row => row.Key!.Legacy);
        foreach (var (parsedKey, stored) in parsed)
        {
            var key = parsedKey!;
            var value = key.Protected ? Decrypt(stored) : stored;
            // An empty value is a cleared field: it means "not set", so the layer below shows through.
            if (string.IsNullOrWhiteSpace(value))
            {
                values.Remove(key.ConfigurationKey);
                continue;
            }

            values[key.ConfigurationKey] = value.Trim();
            if (key.ConfigurationKey.EndsWith(StoredSettingKey.ExpirySuffix, StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var until))
            {
                expiries[key.ConfigurationKey[..^StoredSettingKey.ExpirySuffix.Length]] = until;
            }
        }

        // A stored value with a stored expiry (a replaced webhook secret) stops applying once it is due.
        foreach (var (key, until) in expiries.Where(e => e.Value <= time.GetUtcNow()))
        {
            values.Remove(key);
        }

        return values;
    }

    private string? Decrypt(string stored) => unprotect is { } decrypt ? decrypt(stored) : null;

    private static Dictionary<string, string?> Empty() => new(StringComparer.OrdinalIgnoreCase);
}
