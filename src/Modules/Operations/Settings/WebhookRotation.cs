using System.Globalization;
using Storefront.Core.Settings;

namespace Storefront.Operations.Settings;

/// <summary>
/// A webhook signing secret replaced in the admin stays accepted for a day, as Stripe's own "roll secret" offers:
/// deliveries signed before the endpoint's secret was changed at Stripe, or retried from then, still get through.
/// </summary>
public static class WebhookRotation
{
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    /// <summary>When the previous secret stops being accepted (round-trip UTC text), stored under <see cref="SettingKeys.ConfigurationPrefix"/>.</summary>
    public const string ExpiresAtKey = "Stripe:PreviousWebhookSecretExpiresAt";

    public static string StoredExpiresAtKey => SettingKeys.ConfigurationPrefix + ExpiresAtKey;

    public static string ExpiresAt(DateTimeOffset now) => (now + Overlap).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Keeps the previous secret only while its overlap lasts; the expiry itself is not configuration.</summary>
    internal static void DropExpired(Dictionary<string, string> values, DateTimeOffset now)
    {
        var until = values.Remove(ExpiresAtKey, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        if (until <= now)
        {
            values.Remove(SecretSetting.PreviousWebhookSecret.ConfigurationKey);
        }
    }
}
