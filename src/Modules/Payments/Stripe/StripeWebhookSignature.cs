using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Storefront.Payments.Stripe;

public enum StripeSignatureStatus
{
    Valid,
    MissingHeader,
    Malformed,
    TimestampOutsideTolerance,
    NoMatchingSignature,
}

/// <summary>The verdict on one delivery; <see cref="Timestamp"/> is the signed <c>t</c> when the header had one.</summary>
public readonly record struct StripeSignatureResult(StripeSignatureStatus Status, DateTimeOffset? Timestamp = null)
{
    public bool IsValid => Status == StripeSignatureStatus.Valid;
}

/// <summary>
/// Stripe's webhook signature scheme: <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]</c> where
/// each <c>v1</c> is HMAC-SHA256, keyed with an endpoint secret, over <c>"&lt;t&gt;." + raw body bytes</c>.
/// Only <c>v1</c> counts (<c>v0</c> is a test-mode scheme that proves nothing). Several <c>v1</c> values
/// appear while Stripe rolls a secret, and several secrets are accepted while we roll ours.
/// Never throws on bad input: a forged request is an expected input here, not an exception.
/// </summary>
public sealed class StripeWebhookSignature
{
    private readonly byte[][] secrets;
    private readonly TimeSpan tolerance;
    private readonly TimeProvider time;

    public StripeWebhookSignature(IEnumerable<string> secrets, TimeSpan tolerance, TimeProvider? time = null)
    {
        this.secrets = secrets.Where(s => !string.IsNullOrEmpty(s)).Select(Encoding.UTF8.GetBytes).ToArray();
        if (this.secrets.Length == 0)
        {
            throw new ArgumentException("At least one webhook signing secret is needed.", nameof(secrets));
        }

        this.tolerance = tolerance;
        this.time = time ?? TimeProvider.System;
    }

    public StripeSignatureResult Verify(string? payload, string? header) => Verify(Encoding.UTF8.GetBytes(payload ?? ""), header);

    /// <param name="payload">The request body exactly as received: re-serialised JSON would not match.</param>
    public StripeSignatureResult Verify(ReadOnlySpan<byte> payload, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new(StripeSignatureStatus.MissingHeader);
        }

        if (!TryParse(header, out var timestamp, out var signatures))
        {
            return new(StripeSignatureStatus.Malformed);
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = Compute(secret, timestamp, payload);
            foreach (var candidate in signatures)
            {
                // Fixed-time comparison: an attacker must not learn how many leading bytes were right.
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        if (!matched)
        {
            return new(StripeSignatureStatus.NoMatchingSignature, signedAt);
        }

        // Checked after the signature, so a stale timestamp is reported only for a genuine (replayed) delivery.
        // Both directions count: a timestamp far in the future is as suspect as an old one.
        return (time.GetUtcNow() - signedAt).Duration() > tolerance
            ? new(StripeSignatureStatus.TimestampOutsideTolerance, signedAt)
            : new(StripeSignatureStatus.Valid, signedAt);
    }

    /// <summary>A header as Stripe would send it, for tests and local tooling.</summary>
    public static string CreateHeader(ReadOnlySpan<byte> payload, string secret, DateTimeOffset timestamp)
    {
        var t = timestamp.ToUnixTimeSeconds();
        var signature = Compute(Encoding.UTF8.GetBytes(secret), t, payload);
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(signature)}";
    }

    private static byte[] Compute(byte[] secret, long timestamp, ReadOnlySpan<byte> payload)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }

    private static bool TryParse(string header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = -1;
        signatures = [];
        foreach (var item in header.Split(','))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            var key = item[..equals].Trim();
            var value = item[(equals + 1)..].Trim();
            if (key == "t")
            {
                if (timestamp != -1 || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp))
                {
                    return false;
                }
            }
            else if (key == "v1")
            {
                // A v1 that is not 32 bytes of hex cannot match; it is skipped, not fatal, as Stripe's libraries do.
                if (value.Length == 64 && IsHex(value))
                {
                    signatures.Add(Convert.FromHexString(value));
                }
            }
        }

        // A header with a timestamp but no usable v1 (only v0, say) is well-formed and matches nothing.
        return timestamp >= 0 && timestamp <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();
    }

    private static bool IsHex(string value) => value.All(Uri.IsHexDigit);
}
