using System.Globalization;
using Storefront.Core.Settings;

namespace Storefront.Operations.Settings;

/// <summary>
/// A webhook signing secret replaced in the admin stays accepted for a day, as Stripe's own "roll secret" offers:
/// deliveries signed before the endpoint's secret was changed at Stripe, or retried from then, still get through.
/// The stored settings drop the previous secret by themselves once its expiry (stored beside it) has passed.
/// </summary>
public static class WebhookRotation
{
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    /// <summary>When the previous secret stops being accepted (round-trip UTC text).</summary>
    public const string ExpiresAtKey = "Stripe:PreviousWebhookSecret" + StoredSettingKey.ExpirySuffix;

    public static string ExpiresAt(DateTimeOffset now) => (now + Overlap).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
