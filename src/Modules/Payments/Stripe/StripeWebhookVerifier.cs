using System.Globalization;
using Microsoft.Extensions.Options;
using Stripe;

namespace Storefront.Payments.Stripe;

public enum StripeSignatureStatus
{
    Valid,
    MissingHeader,
    Malformed,
    TimestampOutsideTolerance,
    NoMatchingSignature,
}

/// <summary>The verdict on one delivery, and the event when its signature holds.</summary>
public readonly record struct StripeWebhookVerdict(StripeSignatureStatus Status, Event? Event = null)
{
    public bool IsValid => Status == StripeSignatureStatus.Valid;
}

/// <summary>
/// Checks <c>Stripe-Signature</c> with Stripe.net's <see cref="EventUtility"/> against the current signing secret,
/// then the previous one while a rotation lasts (the settings drop it after its overlap). Events of an older API
/// version are verified, not refused: the endpoint's version is Stripe's choice, the fields we read are stable.
/// A forged request is an expected input here: the verdict names what was wrong, it does not throw.
/// </summary>
public sealed class StripeWebhookVerifier(IOptionsMonitor<StripeOptions> options, TimeProvider time)
{
    /// <param name="payload">The request body exactly as received: re-serialised JSON would not match.</param>
    /// <exception cref="System.Text.Json.JsonException">The signature holds but the body is not a Stripe event.</exception>
    public StripeWebhookVerdict Verify(string payload, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new(StripeSignatureStatus.MissingHeader);
        }

        // EventUtility reports a header without one numeric timestamp as "no matching signature", or fails on it
        // with an overflow once a signature matched; naming it malformed keeps the answer exact and the path typed.
        if (!HasOneTimestamp(header))
        {
            return new(StripeSignatureStatus.Malformed);
        }

        var current = options.CurrentValue;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var secret in current.WebhookSecrets)
        {
            if (!Matches(payload, header, secret, now))
            {
                continue;
            }

            try
            {
                return new(StripeSignatureStatus.Valid,
                    EventUtility.ConstructEvent(payload, header, secret, current.WebhookToleranceSeconds, now, throwOnApiVersionMismatch: false));
            }
            catch (InvalidOperationException ex)
            {
                // A signed body that is JSON but not an object ([], 1, "x", null): System.Text.Json refuses to read it as one.
                throw new System.Text.Json.JsonException("The event is not a JSON object.", ex);
            }
            catch (StripeException)
            {
                // The signature matched, so the only refusal left is the timestamp: a genuine delivery replayed late.
                return new(StripeSignatureStatus.TimestampOutsideTolerance);
            }
        }

        return new(StripeSignatureStatus.NoMatchingSignature);
    }

    // Checked first without a time limit, so a stale timestamp is reported only for a genuine (replayed) delivery.
    private static bool Matches(string payload, string header, string secret, long now)
    {
        try
        {
            EventUtility.ValidateSignature(payload, header, secret, long.MaxValue, now);
            return true;
        }
        catch (StripeException)
        {
            return false;
        }
    }

    private static bool HasOneTimestamp(string header)
    {
        var timestamps = 0;
        foreach (var item in header.Split(','))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            if (item[..equals].Trim() == "t")
            {
                timestamps++;
                if (!int.TryParse(item[(equals + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return false;
                }
            }
        }

        return timestamps == 1;
    }
}
