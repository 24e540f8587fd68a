using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Storefront.Email;
using Storefront.Payments.Stripe;

namespace Storefront.Operations.Settings;

/// <summary>Fills the Stripe keys the environment leaves empty with the ones typed into the admin.</summary>
public sealed class StoredStripeOptions(StoredConfiguration stored) : IPostConfigureOptions<StripeOptions>
{
    public void PostConfigure(string? name, StripeOptions options)
    {
        options.SecretKey = stored.Override(SecretSetting.StripeSecretKey.ConfigurationKey) ?? options.SecretKey;
        options.WebhookSecret = stored.Override(SecretSetting.StripeWebhookSecret.ConfigurationKey) ?? options.WebhookSecret;
        options.PreviousWebhookSecret = stored.Override(SecretSetting.PreviousWebhookSecret.ConfigurationKey) ?? options.PreviousWebhookSecret;
    }
}

/// <summary>Fills the SMTP server, login and sender the environment leaves empty with the ones typed into the admin.</summary>
public sealed class StoredEmailOptions(StoredConfiguration stored) : IPostConfigureOptions<EmailOptions>
{
    public void PostConfigure(string? name, EmailOptions options)
    {
        options.From = stored.Override(PlainSetting.EmailFrom.ConfigurationKey) ?? options.From;
        options.Smtp.Host = stored.Override(PlainSetting.SmtpHost.ConfigurationKey) ?? options.Smtp.Host;
        options.Smtp.Username = stored.Override(PlainSetting.SmtpUsername.ConfigurationKey) ?? options.Smtp.Username;
        options.Smtp.Password = stored.Override(SecretSetting.SmtpPassword.ConfigurationKey) ?? options.Smtp.Password;
        // Checked when saved; a value edited by hand in the table that is not a number is ignored rather than fatal.
        if (int.TryParse(stored.Override(PlainSetting.SmtpPort.ConfigurationKey), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            options.Smtp.Port = port;
        }
    }
}

/// <summary>Tells <c>IOptionsMonitor&lt;T&gt;</c> to rebuild <typeparamref name="T"/> when the stored settings change.</summary>
public sealed class StoredConfigurationChangeSource<T>(StoredConfiguration stored) : IOptionsChangeTokenSource<T>
{
    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => stored.ChangeToken;
}
