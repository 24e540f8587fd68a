namespace Storefront.Stripe.Tests.Infrastructure;

/// <summary>A clock a test moves forward by hand.</summary>
public sealed class ManualTime : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
