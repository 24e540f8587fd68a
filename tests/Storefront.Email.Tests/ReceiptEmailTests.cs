using Storefront.Email.Receipts;
using Storefront.Email.Tests.Infrastructure;

namespace Storefront.Email.Tests;

public sealed class ReceiptEmailTests
{
    private static readonly DateTimeOffset Expiry = new(2026, 11, 23, 21, 40, 0, TimeSpan.Zero);

    [Fact]
    public void TheSubjectNamesTheProductAndTheOrder()
    {
        var message = ReceiptEmail.Create(TestMail.Receipt(orderNumber: "SO-1001"));

        Assert.Equal("Your download: CAN Bus Field Guide — order SO-1001", message.Subject);
        Assert.Equal(new EmailAddress("zoe@example.test", "Zoë Ünïcode"), message.To);
    }

    [Fact]
    public void SeveralProductsAreSummedUpInTheSubjectAndAllListedInTheBodies()
    {
        var receipt = TestMail.Receipt(orderNumber: "SO-1001") with
        {
            Lines = [Line("CAN Bus Field Guide"), Line("LIN Bus\nPocket Guide"), Line("FlexRay Notes")],
        };

        var message = ReceiptEmail.Create(receipt);

        Assert.Equal("Your downloads: CAN Bus Field Guide and 2 more — order SO-1001", message.Subject);
        Assert.All(["CAN Bus Field Guide", "LIN Bus Pocket Guide", "FlexRay Notes"], title =>
        {
            Assert.Contains(title, message.TextBody);
            Assert.Contains(title, message.HtmlBody);
        });
    }

    [Fact]
    public void LicenceKeysAppearInBothBodiesAndATitleIsEncodedInTheHtml()
    {
        var receipt = TestMail.Receipt() with { LicenseKeys = [new ReceiptLicenseKey("<Analyzer> & Co", "7K3QX-M9TPA-0ZZ1B-HJKMN")] };

        var message = ReceiptEmail.Create(receipt);
        var without = ReceiptEmail.Create(TestMail.Receipt());

        Assert.Contains("Your licence key:\n<Analyzer> & Co: 7K3QX-M9TPA-0ZZ1B-HJKMN", message.TextBody);
        Assert.Contains("&lt;Analyzer&gt; &amp; Co: <code style=\"font-size:16px;\">7K3QX-M9TPA-0ZZ1B-HJKMN</code>", message.HtmlBody);
        Assert.DoesNotContain("licence key", without.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("licence key", without.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(3, 3, "3 downloads, until 23 Nov 2026 21:40 UTC")]
    [InlineData(1, 1, "1 download, until 23 Nov 2026 21:40 UTC")]
    [InlineData(3, 1, "1 of 3 downloads left, until 23 Nov 2026 21:40 UTC")]
    [InlineData(5, 0, "0 of 5 downloads left, until 23 Nov 2026 21:40 UTC")]
    public void BothBodiesExplainTheDownloadLimitsInUtc(int uses, int left, string expected)
    {
        // The same instant written with a +02:00 offset: the receipt must still say 21:40 UTC.
        var line = Line("CAN Bus Field Guide") with { UsesAllowed = uses, UsesLeft = left, ExpiresUtc = Expiry.ToOffset(TimeSpan.FromHours(2)) };

        var message = ReceiptEmail.Create(TestMail.Receipt() with { Lines = [line] });

        Assert.Contains(expected, message.TextBody);
        Assert.Contains(expected, message.HtmlBody);
    }

    [Fact]
    public void ALibraryAddressIsOfferedInBothBodiesAndOnlyAsAWebAddress()
    {
        var library = new Uri("https://shop.example.test/library");

        var message = ReceiptEmail.Create(TestMail.Receipt() with { LibraryUrl = library });
        var without = ReceiptEmail.Create(TestMail.Receipt());

        Assert.Contains("Lost this email? Your purchases and fresh links are in your library: https://shop.example.test/library", message.TextBody);
        Assert.Contains("<a href=\"https://shop.example.test/library\">your library</a>", message.HtmlBody);
        Assert.DoesNotContain("library", without.TextBody);
        Assert.Throws<ArgumentException>(() => ReceiptEmail.Create(TestMail.Receipt() with { LibraryUrl = new Uri("javascript:alert(1)") }));
    }

    [Fact]
    public void AMissingBuyerNameGivesAPlainGreetingAndABareRecipient()
    {
        var message = ReceiptEmail.Create(TestMail.Receipt(buyerName: "  "));

        Assert.StartsWith("Hello,\n", message.TextBody);
        Assert.Contains("<p>Hello,</p>", message.HtmlBody);
        Assert.Null(message.To.DisplayName);
    }

    [Fact]
    public void EveryValueInTheHtmlIsEncoded()
    {
        var receipt = TestMail.Receipt("<b>Zoë</b>", orderNumber: "SO-\"1\"") with
        {
            SiteName = "Tom & Jerry's <Shop>",
            PaidAmount = "<i>€29</i>",
            Lines = [Line("<script>alert(1)</script>")],
            Seller = new SellerDetails("<Seller>", ["<Street>"]),
        };

        var html = ReceiptEmail.Create(receipt).HtmlBody!;

        Assert.Contains("Hello &lt;b&gt;Zoë&lt;/b&gt;,", html);
        Assert.Contains("Tom &amp; Jerry&#39;s &lt;Shop&gt;", html);
        Assert.Contains("SO-&quot;1&quot;", html);
        Assert.Contains("&lt;i&gt;€29&lt;/i&gt;", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;Seller&gt;<br>&lt;Street&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("<i>", html);
    }

    [Fact]
    public void TheHtmlLoadsNothingFromOutside()
    {
        var html = ReceiptEmail.Create(TestMail.Receipt()).HtmlBody!;

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void HelpNamesTheSupportAddressAndRepliesGoThere()
    {
        var message = ReceiptEmail.Create(TestMail.Receipt(orderNumber: "SO-1001"));

        Assert.Equal(new EmailAddress("help@fieldguides.test", "Field Guides"), message.ReplyTo);
        Assert.Contains("write to help@fieldguides.test, and mention order SO-1001", message.TextBody);
        Assert.Contains("<a href=\"mailto:help@fieldguides.test\">help@fieldguides.test</a>", message.HtmlBody);
    }

    [Fact]
    public void SellerDetailsAppearInBothBodiesWhenGivenAndNotOtherwise()
    {
        var with = ReceiptEmail.Create(TestMail.Receipt());
        var without = ReceiptEmail.Create(TestMail.Receipt() with { Seller = null });

        Assert.Contains("Field Guides Ltd\n1 Harbour Street\nBristol BS1 4AA", with.TextBody);
        Assert.Contains("Field Guides Ltd<br>1 Harbour Street<br>Bristol BS1 4AA", with.HtmlBody);
        Assert.DoesNotContain("Harbour Street", without.TextBody);
        Assert.DoesNotContain("Harbour Street", without.HtmlBody);
    }

    [Fact]
    public void TheSameOrderAlwaysGetsTheSameMessageIdAndOtherOrdersAnother()
    {
        var receipt = TestMail.Receipt(orderNumber: "SO-1001");

        Assert.Equal(ReceiptEmail.Create(receipt).MessageId, ReceiptEmail.Create(receipt with { BuyerName = "Other" }).MessageId);
        Assert.Equal("receipt.SO-1001", ReceiptEmail.Create(receipt).MessageId.Value);
        Assert.NotEqual(ReceiptEmail.Create(receipt).MessageId, ReceiptEmail.Create(receipt with { OrderNumber = "SO-1002" }).MessageId);
    }

    [Fact]
    public void UnsafeOrderNumbersGiveSafeMessageIdsThatStillDiffer()
    {
        var slash = EmailMessageId.From("receipt", "A/1");
        var dash = EmailMessageId.From("receipt", "A-1");
        var dots = EmailMessageId.From("receipt", "..");

        Assert.NotEqual(slash, dash);
        Assert.All([slash, dash, dots], id => Assert.Matches("^[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*$", id.Value));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    public void ADownloadLinkThatIsNotAWebAddressIsRefused(string url)
    {
        var receipt = TestMail.Receipt() with { Lines = [Line("CAN Bus Field Guide") with { DownloadUrl = new Uri(url) }] };

        Assert.Throws<ArgumentException>(() => ReceiptEmail.Create(receipt));
    }

    private static ReceiptLine Line(string title) => new(title, new Uri("https://shop.example.test/download/tok"), 3, 3, Expiry);
}
