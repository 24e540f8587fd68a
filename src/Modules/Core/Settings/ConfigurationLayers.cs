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
    public string? EnvironmentValue(string key)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (ReferenceEquals(provider, stored))
            {
                return null;
            }

            if (provider.TryGet(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }
}
