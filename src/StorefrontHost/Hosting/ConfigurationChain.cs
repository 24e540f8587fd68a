using Microsoft.Extensions.Configuration.Json;
using Storefront.Core.Data;
using Storefront.Core.Settings;

namespace Storefront.Host.Hosting;

/// <summary>
/// One configuration chain, in one order, for every key: appsettings.json, appsettings.{Environment}.json, then the
/// settings stored from the admin, then everything an operator sets at start (user secrets in Development, environment
/// variables, command-line arguments), which always wins.
/// </summary>
public static class ConfigurationChain
{
    public static WebApplicationBuilder AddStoredSettings(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var stored = new StoredSettingsProvider(StoredRows(configuration), TimeProvider.System);

        var sources = configuration.Sources;
        var lastFile = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is JsonConfigurationSource).index;
        var operatorSources = sources.Skip(lastFile + 1).ToList();
        var rebuilt = sources.Take(lastFile + 1).Append(stored).Concat(operatorSources.Select(s => (IConfigurationSource)new SetValuesOnly(s))).ToList();
        sources.Clear();
        foreach (var source in rebuilt)
        {
            sources.Add(source);
        }

        builder.Services.AddSingleton(stored);
        return builder;
    }

    /// <summary>The same database the data context will use; none when its settings are malformed (start-up validation names the key).</summary>
    private static StoredSettingRows StoredRows(IConfiguration configuration)
    {
        var database = new DatabaseOptions();
        try
        {
            configuration.GetSection("Database").Bind(database);
        }
        catch (InvalidOperationException)
        {
            return new StoredSettingRows(DatabaseProvider.Sqlite, "");
        }

        var connection = configuration.GetConnectionString("Storefront") is { Length: > 0 } configured ? configured
            : database.Provider == DatabaseProvider.Sqlite ? DatabaseOptions.DefaultSqliteConnection : "";
        return new StoredSettingRows(database.Provider, connection);
    }

    /// <summary>
    /// An empty variable counts as not set (compose files pass <c>KEY=${KEY:-}</c>), so it lets a stored or appsettings
    /// value show through instead of hiding it.
    /// </summary>
    private sealed class SetValuesOnly(IConfigurationSource inner) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(inner.Build(builder));

        private sealed class Provider(IConfigurationProvider inner) : IConfigurationProvider, IDisposable
        {
            public bool TryGet(string key, out string? value) => inner.TryGet(key, out value) && !string.IsNullOrWhiteSpace(value);

            public void Set(string key, string? value) => inner.Set(key, value);

            public Microsoft.Extensions.Primitives.IChangeToken GetReloadToken() => inner.GetReloadToken();

            public void Load() => inner.Load();

            public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) => inner.GetChildKeys(earlierKeys, parentPath);

            public void Dispose() => (inner as IDisposable)?.Dispose();

            public override string ToString() => inner.ToString() ?? nameof(SetValuesOnly);
        }
    }
}
