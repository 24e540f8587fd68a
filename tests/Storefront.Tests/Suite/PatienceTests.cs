namespace Storefront.Tests.Suite;

/// <summary>How long the suite waits: stretched by load, never shortened, bounded, and overridable by the operator.</summary>
public sealed class PatienceTests
{
    [Theory]
    [InlineData(0.3, 2, 1)]
    [InlineData(2, 2, 1)]
    [InlineData(6, 2, 3)]
    [InlineData(9, 4, 2.25)]
    [InlineData(40, 2, Patience.MaximumFactor)]
    public void TheFactorIsTheLoadPerCoreNeverBelowOneAndCapped(double load, int cores, double expected) =>
        Assert.Equal(expected, Patience.FactorFor(null, load, cores), precision: 6);

    [Fact]
    public void AnUnknownLoadWaitsTheBaseTime() => Assert.Equal(1, Patience.FactorFor(null, null, 2));

    [Fact]
    public void AnExplicitScaleWinsOverTheLoadInBothDirections()
    {
        Assert.Equal(2.5, Patience.FactorFor("2.5", 40, 2));
        Assert.Equal(0.5, Patience.FactorFor("0.5", 0.1, 2));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("three")]
    [InlineData("NaN")]
    public void AScaleThatIsNotAPositiveNumberIsRefusedByName(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Patience.FactorFor(value, 1, 2));
        Assert.Contains(Patience.ScaleVariable, refused.Message);
    }
}
