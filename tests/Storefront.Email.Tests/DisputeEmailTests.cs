using Storefront.Email;
using Storefront.Email.Disputes;

namespace Storefront.Email.Tests;

/// <summary>The dispute emails: both parts, the shop's name, outside input encoded, and one Message-ID per dispute and step.</summary>
public sealed class DisputeEmailTests
{
    private static BuyerDisputeNotice Buyer(DisputeAccessChange change) => new("Field <Guides>", "help@example.com", "zoe@example.com",
        "Zoë <script>alert(1)</script>", "1001", "CAN Bus Field Guide", "$29.00", "dp_123", change);

    [Theory]
    [InlineData(DisputeAccessChange.Suspended, "is paused", "suspended")]
    [InlineData(DisputeAccessChange.Reinstated, "works again", "reinstated")]
    [InlineData(DisputeAccessChange.Ended, "has ended", "ended")]
    public void TheBuyerHearsWhatTheDisputeDidToTheDownloadInBothParts(DisputeAccessChange change, string words, string step)
    {
        var message = Buyer(change).ToMessage();

        Assert.Equal(("zoe@example.com", "help@example.com", "Field <Guides>"), (message.To.Address, message.ReplyTo!.Address, message.ReplyTo.DisplayName));
        Assert.Equal($"dispute.dp_123.{step}", message.MessageId.Value);
        Assert.Equal(message.MessageId, Buyer(change).ToMessage().MessageId);
        Assert.Contains(words, message.TextBody);
        Assert.Contains(words, message.HtmlBody);
        Assert.Contains("order 1001", message.TextBody);
        Assert.Contains("Zoë <script>", message.TextBody);
        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.Contains("Field &lt;Guides&gt;", message.HtmlBody);
    }

    [Fact]
    public void SupportGetsTheFactsToAnswerTheDisputeInTimeAndALinkToTheOrder()
    {
        var opened = new SupportDisputeNotice("Field Guides", "help@example.com", "1001", "$29.00", "product_not_received",
            new DateTime(2026, 12, 9, 23, 59, 59, DateTimeKind.Utc), new Uri("https://shop.example/admin/orders/1001"), "dp_123", null).ToMessage();

        Assert.Equal("help@example.com", opened.To.Address);
        Assert.Equal("dispute.dp_123.opened.support", opened.MessageId.Value);
        foreach (var fact in new[] { "Order: 1001", "Amount: $29.00", "Reason: product not received", "Evidence due by: 9 Dec 2026 23:59 UTC", "https://shop.example/admin/orders/1001" })
        {
            Assert.Contains(fact, opened.TextBody);
        }

        Assert.Contains("href=\"https://shop.example/admin/orders/1001\"", opened.HtmlBody);
        var lost = new SupportDisputeNotice("Field Guides", "help@example.com", "1001", "$29.00", null, null,
            new Uri("https://shop.example/admin/orders/1001"), "dp_123", "lost").ToMessage();
        Assert.Equal(("dispute.dp_123.closed.support", "Dispute on order 1001 closed: lost"), (lost.MessageId.Value, lost.Subject));
        Assert.Contains("Evidence due by: not given", lost.TextBody);
        Assert.Throws<ArgumentException>(() => new SupportDisputeNotice("Field Guides", "help@example.com", "1001", "$29.00", null, null,
            new Uri("javascript:alert(1)"), "dp_123", null).ToMessage());
    }
}
