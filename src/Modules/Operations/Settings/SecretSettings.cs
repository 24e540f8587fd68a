using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Storefront.Core.Settings;

namespace Storefront.Operations.Settings;

/// <summary>A secret the admin may enter: its configuration key (which wins) and its stored setting key.</summary>
public sealed record SecretSetting(string Label, string ConfigurationKey, string FieldName)
{
    public string StoredKey => SettingKeys.SecretPrefix + ConfigurationKey;

    public static IReadOnlyList<SecretSetting> All { get; } =
    [
        new("Stripe secret key", "Stripe:SecretKey", "StripeSecretKey"),
        new("Stripe webhook signing secret", "Stripe:WebhookSecret", "StripeWebhookSecret"),
        new("SMTP password", "Email:Smtp:Password", "SmtpPassword"),
    ];
}

/// <summary>
/// Encrypts secrets typed into the admin with the Data Protection key ring (kept in the database), so a copy
/// of the settings table alone reveals nothing.
/// </summary>
public sealed class SecretSettings(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Storefront.Settings.Secrets");

    public string Protect(string plaintext) => protector.Protect(plaintext);

    /// <summary>The stored secret, or null when it cannot be read (a lost key ring means "enter it again").</summary>
    public string? Unprotect(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>Which secrets the environment (configuration) provides; those win over anything stored.</summary>
public sealed class EnvironmentSecrets(IConfiguration configuration)
{
    public bool Provides(SecretSetting secret) => !string.IsNullOrWhiteSpace(configuration[secret.ConfigurationKey]);
}
