using Microsoft.Extensions.Configuration;

namespace Storefront.Core.Settings;

/// <summary>
/// Which layer of the configuration chain decides a key. The settings page needs it: a key the environment sets is
/// shown as "set by the environment" and cannot be changed there, since the environment wins over anything stored.
/// </summary>
public sealed class ConfigurationLayers(IConfiguration configuration, StoredSettingsProvider stored)
{
    /// <summary>Whether a source above the stored settings (environment, command line) sets the key to a non-empty value.</summary>
    public bool SetByEnvironment(string key) => EnvironmentValue(key) is not null;

    /// <summary>The environment's value of a key; never ask this for a secret to show it.</summary>
    public string? EnvironmentValue(string key) => ValueIn(Layers().TakeWhile(p => !ReferenceEquals(p, stored)), key);

    /// <summary>What the key falls back to when nothing is stored: appsettings and the defaults below them.</summary>
    public string? BelowStored(string key) => ValueIn(Layers().SkipWhile(p => !ReferenceEquals(p, stored)).Skip(1), key);

    /// <summary>From the winning layer down.</summary>
    private IEnumerable<IConfigurationProvider> Layers() => configuration is IConfigurationRoot root ? root.Providers.Reverse() : [];

    private static string? ValueIn(IEnumerable<IConfigurationProvider> providers, string key) =>
        providers.Select(p => p.TryGet(key, out var value) ? value : null).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
