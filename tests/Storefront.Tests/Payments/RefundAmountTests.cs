using Storefront.Payments.Refunds;

namespace Storefront.Tests.Payments;

/// <summary>Amounts typed into the refund form, read in the order's currency minor unit, never rounded.</summary>
public sealed class RefundAmountTests
{
    [Theory]
    [InlineData("12.50", "usd", 1250)]
    [InlineData("12.5", "eur", 1250)]
    [InlineData(" 29 ", "usd", 2900)]
    [InlineData("0.01", "gbp", 1)]
    [InlineData("1500", "jpy", 1500)]
    [InlineData("7", "krw", 7)]
    public void AValidAmountIsReadInTheMinorUnit(string text, string currency, long expected)
    {
        Assert.True(RefundAmount.TryParse(text, currency, out var minor, out _));
        Assert.Equal(expected, minor);
        Assert.True(RefundAmount.TryParse(RefundAmount.Format(minor, currency), currency, out var again, out _));
        Assert.Equal(minor, again);
    }

    [Theory]
    [InlineData("1500.5", "jpy", "whole JPY")]
    [InlineData("15.00", "jpy", "whole JPY")]
    [InlineData("1.005", "usd", "at most 2 decimals")]
    [InlineData("1,50", "usd", "at most 2 decimals")]
    [InlineData("-3", "usd", "at most 2 decimals")]
    [InlineData("1e3", "usd", "at most 2 decimals")]
    [InlineData("", "usd", "at most 2 decimals")]
    [InlineData(null, "usd", "at most 2 decimals")]
    [InlineData("12.", "usd", "at most 2 decimals")]
    [InlineData("99999999999999999", "usd", "at most 2 decimals")]
    [InlineData("0", "usd", "more than zero")]
    [InlineData("0.00", "usd", "more than zero")]
    [InlineData("0", "jpy", "more than zero")]
    public void AnAmountTheCurrencyCannotHoldIsRefusedWithAReason(string? text, string currency, string reason)
    {
        Assert.False(RefundAmount.TryParse(text, currency, out var minor, out var error));
        Assert.Equal(0, minor);
        Assert.Contains(reason, error);
    }
}
