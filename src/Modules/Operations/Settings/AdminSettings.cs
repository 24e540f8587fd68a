using Storefront.Core.Settings;

namespace Storefront.Operations.Settings;

/// <summary>A secret the admin may enter, stored encrypted under its configuration key (the environment's value wins).</summary>
public sealed record SecretSetting(string Label, string ConfigurationKey, string FieldName)
{
    public string StoredKey => ConfigurationKey;

    public string EnvironmentKey => ConfigurationKey.Replace(":", "__");

    public static SecretSetting StripeSecretKey { get; } = new("Stripe secret key", "Stripe:SecretKey", "StripeSecretKey");

    public static SecretSetting StripeWebhookSecret { get; } = new("Stripe webhook signing secret", "Stripe:WebhookSecret", "StripeWebhookSecret");

    public static SecretSetting SmtpPassword { get; } = new("SMTP password", "Email:Smtp:Password", "SmtpPassword");

    /// <summary>Not on the page: the webhook secret a new one replaced, kept for <see cref="WebhookRotation.Overlap"/>.</summary>
    public static SecretSetting PreviousWebhookSecret { get; } = new("previous Stripe webhook signing secret", "Stripe:PreviousWebhookSecret", "");

    /// <summary>The secrets the settings page offers.</summary>
    public static IReadOnlyList<SecretSetting> All { get; } = [StripeSecretKey, StripeWebhookSecret, SmtpPassword];
}

/// <summary>A plain configuration value the admin may enter (shown back, stored as text); the environment wins here too.</summary>
public sealed record PlainSetting(string Label, string ConfigurationKey)
{
    public string StoredKey => ConfigurationKey;

    public string EnvironmentKey => ConfigurationKey.Replace(":", "__");

    public static PlainSetting SmtpHost { get; } = new("SMTP host", "Email:Smtp:Host");

    public static PlainSetting SmtpPort { get; } = new("SMTP port", "Email:Smtp:Port");

    public static PlainSetting SmtpUsername { get; } = new("SMTP user name", "Email:Smtp:Username");

    public static PlainSetting EmailFrom { get; } = new("sender address", "Email:From");

    public static IReadOnlyList<PlainSetting> Email { get; } = [SmtpHost, SmtpPort, SmtpUsername, EmailFrom];
}

/// <summary>Which keys the environment provides; those win over anything stored.</summary>
public sealed class EnvironmentSettings(ConfigurationLayers layers)
{
    public bool Provides(string configurationKey) => layers.SetByEnvironment(configurationKey);

    public bool Provides(SecretSetting secret) => Provides(secret.ConfigurationKey);

    public bool Provides(PlainSetting setting) => Provides(setting.ConfigurationKey);

    /// <summary>A plain value the environment sets (never called for secrets: the page must not show them).</summary>
    public string? Value(PlainSetting setting) => layers.EnvironmentValue(setting.ConfigurationKey);
}
