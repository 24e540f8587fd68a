using Storefront.Email.Receipts;
using Storefront.Email.Refunds;

namespace Storefront.Email.Tests;

public sealed class RefundEmailTests
{
    private static RefundNotice Notice(bool full = false, string buyerName = "Zoë Ünïcode") => new(
        "Field Guides", "help@fieldguides.test", "zoe@example.test", buyerName, "1042", "re_3PgcA1", "$10.00", "$29.00", full,
        [new RefundAccess("CAN Bus Field Guide", "still yours to download, 2 downloads left until 23 Nov 2026 21:40 UTC.")],
        new SellerDetails("Field Guides Ltd", ["1 Harbour Street"]));

    [Fact]
    public void BothPartsSayHowMuchOfWhatWasPaidCameBackAndWhatAccessRemains()
    {
        var message = RefundEmail.Create(Notice());

        Assert.Equal("Refund processed: $10.00 — order 1042", message.Subject);
        Assert.Equal(new EmailAddress("zoe@example.test", "Zoë Ünïcode"), message.To);
        Assert.Equal(new EmailAddress("help@fieldguides.test", "Field Guides"), message.ReplyTo);
        foreach (var body in new[] { message.TextBody, message.HtmlBody! })
        {
            Assert.Contains("We refunded $10.00 of the $29.00 you paid for order 1042 at Field Guides.", body);
            Assert.Contains("CAN Bus Field Guide", body);
            Assert.Contains("still yours to download, 2 downloads left", body);
            Assert.Contains("Field Guides Ltd", body);
        }

        Assert.Contains("Field Guides Ltd\n1 Harbour Street\n", message.TextBody);
        Assert.Contains("Field Guides Ltd<br>1 Harbour Street</p>", message.HtmlBody);
        Assert.Contains("refunded in full", RefundEmail.Create(Notice(full: true)).TextBody);
    }

    [Fact]
    public void EachRefundHasItsOwnStableMessageId()
    {
        Assert.Equal("refund.re_3PgcA1", RefundEmail.Create(Notice()).MessageId.Value);
        Assert.Equal(RefundEmail.Create(Notice()).MessageId, RefundEmail.Create(Notice(full: true)).MessageId);
        Assert.NotEqual(RefundEmail.Create(Notice()).MessageId, RefundEmail.Create(Notice() with { RefundId = "re_other" }).MessageId);
    }

    [Fact]
    public void EveryValueInTheHtmlIsEncoded()
    {
        var html = RefundEmail.Create(Notice(buyerName: "<b>Zoë</b>") with
        {
            SiteName = "Tom & Jerry's <Shop>", Access = [new RefundAccess("<script>x</script>", "no longer available to download.")],
            Seller = new SellerDetails("<Seller>", ["<Street>"]),
        }).HtmlBody!;

        Assert.Contains("Hello &lt;b&gt;Zoë&lt;/b&gt;,", html);
        Assert.Contains("Tom &amp; Jerry&#39;s &lt;Shop&gt;", html);
        Assert.Contains("&lt;script&gt;x&lt;/script&gt;", html);
        Assert.Contains("&lt;Seller&gt;<br>&lt;Street&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
    }
}
