using System.Globalization;
using Storefront.Core.Settings;

namespace Storefront.Payments.Settings;

/// <summary>
/// The Stripe keys. A webhook signing secret replaced here stays accepted for a day, as Stripe's own "roll secret"
/// offers: deliveries signed before the endpoint's secret was changed at Stripe, or retried from then, still get
/// through. The stored settings drop the previous secret by themselves once its expiry, stored beside it, has passed.
/// </summary>
internal sealed class StripeSettingsSection : ISettingsSection
{
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    private const string WebhookSecret = "Stripe:WebhookSecret";
    private const string PreviousWebhookSecret = "Stripe:PreviousWebhookSecret";

    public string Title => "Stripe";

    public int Order => 50;

    public string? Hint => "A replaced webhook signing secret is still accepted for 24 hours, so deliveries Stripe signed with it get "
        + "through while you change it there.";

    public IReadOnlyList<SettingField> Fields { get; } =
    [
        new("StripeSecretKey", "Stripe secret key", "Stripe:SecretKey", SettingInput.Secret) { ChangeName = "Stripe secret key" },
        new("StripeWebhookSecret", "Stripe webhook signing secret", WebhookSecret, SettingInput.Secret) { ChangeName = "Stripe webhook signing secret" },
    ];

    public async Task OnSavingAsync(SettingsSave save, CancellationToken cancellationToken)
    {
        if (!save.TypedSecrets.ContainsKey(WebhookSecret) || await save.StoredAsync(WebhookSecret, cancellationToken) is not { } current)
        {
            return;
        }

        // Still encrypted: the previous secret is kept exactly as it was stored.
        await save.StageAsync(PreviousWebhookSecret, current, true, cancellationToken);
        await save.StageAsync(PreviousWebhookSecret + StoredSettingKey.ExpirySuffix,
            (save.Now + Overlap).UtcDateTime.ToString("O", CultureInfo.InvariantCulture), false, cancellationToken);
    }
}
