namespace Storefront.Stripe.Tests.Infrastructure;

/// <summary>A clock stopped at one moment, to verify signatures made at a known time.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static FixedTime AtUnix(long seconds) => new(DateTimeOffset.FromUnixTimeSeconds(seconds));

    public override DateTimeOffset GetUtcNow() => now;
}
