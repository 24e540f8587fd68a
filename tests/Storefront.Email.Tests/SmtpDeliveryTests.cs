using System.Text.Json;
using Storefront.Email.Receipts;
using Storefront.Email.Tests.Infrastructure;

namespace Storefront.Email.Tests;

/// <summary>Receipts sent to a real SMTP server and read back through its API and an independent MIME parser.</summary>
public sealed class SmtpDeliveryTests(MailDevServer server) : IClassFixture<MailDevServer>
{
    [Theory]
    [InlineData("Zoë Ünïcode")]
    [InlineData("李雷")]
    [InlineData("O'Brien, \"Max\" <Müller>")]
    public async Task AReceiptArrivesWithItsSubjectSenderAndRecipientIncludingNonAsciiNames(string buyerName)
    {
        var receipt = TestMail.Receipt(buyerName);
        var message = ReceiptEmail.Create(receipt);

        await TestMail.SmtpSender(TestMail.Smtp(server.SmtpPort)).SendAsync(message);

        var received = await server.WaitForMessageAsync(TestMail.HeaderId(message));
        Assert.Equal($"Your download: CAN Bus Field Guide — order {receipt.OrderNumber}", received.GetProperty("subject").GetString());
        Assert.Equal((TestMail.ShopAddress, TestMail.ShopName), Address(received.GetProperty("from")[0]));
        Assert.Equal(("zoe@example.test", buyerName), Address(received.GetProperty("to")[0]));
        Assert.Equal("zoe@example.test", received.GetProperty("envelope").GetProperty("to")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task TheTextAndHtmlPartsArriveAsMultipartAlternative()
    {
        var message = ReceiptEmail.Create(TestMail.Receipt());

        await TestMail.SmtpSender(TestMail.Smtp(server.SmtpPort)).SendAsync(message);

        var parsed = await MailParser.ParseAsync(await server.SourceAsync(await server.WaitForMessageAsync(TestMail.HeaderId(message))));
        Assert.Equal("multipart/alternative", parsed.ContentType);
        Assert.Equal(message.TextBody.TrimEnd(), parsed.Text.TrimEnd());
        Assert.Equal(message.HtmlBody!.TrimEnd(), parsed.Html!.TrimEnd());
        Assert.Contains("3 downloads, until 23 Nov 2026 21:40 UTC", parsed.Text);
        Assert.Contains("href=\"https://shop.example.test/download/tok_abc123?x=1&amp;y=2\"", parsed.Html);
    }

    [Fact]
    public async Task EverySendOfTheSameReceiptCarriesTheSameMessageId()
    {
        var receipt = TestMail.Receipt();
        var sender = TestMail.SmtpSender(TestMail.Smtp(server.SmtpPort));

        await sender.SendAsync(ReceiptEmail.Create(receipt));
        await sender.SendAsync(ReceiptEmail.Create(receipt));

        var headerId = TestMail.HeaderId(ReceiptEmail.Create(receipt));
        Assert.Equal($"<receipt.{receipt.OrderNumber}@fieldguides.test>", headerId);
        await server.WaitForMessageAsync(headerId);
        Assert.Equal(2, await server.CountAsync(headerId));
    }

    [Fact]
    public async Task HtmlInABuyerNameArrivesEncodedNotAsMarkup()
    {
        const string name = "<script>alert('x')</script><img src=x onerror=alert(1)> Zoë";
        var message = ReceiptEmail.Create(TestMail.Receipt(name));

        await TestMail.SmtpSender(TestMail.Smtp(server.SmtpPort)).SendAsync(message);

        var received = await server.WaitForMessageAsync(TestMail.HeaderId(message));
        var parsed = await MailParser.ParseAsync(await server.SourceAsync(received));
        Assert.Contains("Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; Zoë,", parsed.Html);
        Assert.DoesNotContain("<script", parsed.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", parsed.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(name, parsed.To.Single().Name);
        Assert.Contains($"Hello {name},", parsed.Text);
    }

    [Fact]
    public async Task RepliesGoToTheSupportAddress()
    {
        var message = ReceiptEmail.Create(TestMail.Receipt());

        await TestMail.SmtpSender(TestMail.Smtp(server.SmtpPort)).SendAsync(message);

        var parsed = await MailParser.ParseAsync(await server.SourceAsync(await server.WaitForMessageAsync(TestMail.HeaderId(message))));
        Assert.Equal(new ParsedAddress("help@fieldguides.test", "Field Guides"), parsed.ReplyTo.Single());
        Assert.NotNull(parsed.Date);
    }

    [Theory]
    [InlineData("Evil\" <attacker@evil.example>, \"x")]
    [InlineData("x\", attacker@evil.example, \"y")]
    [InlineData("<attacker@evil.example>")]
    [InlineData("Zoë\r\nBcc: attacker@evil.example")]
    [InlineData("=?utf-8?q?a?= <attacker@evil.example>, ")]
    public async Task ABuyerNameWithQuotesCommasOrAngleBracketsNeverAddsARecipient(string buyerName)
    {
        var receipt = TestMail.Receipt(buyerName) with { SiteName = buyerName };
        var message = ReceiptEmail.Create(receipt);
        var options = TestMail.Smtp(server.SmtpPort);
        options.FromName = buyerName;

        await TestMail.SmtpSender(options).SendAsync(message);

        var received = await server.WaitForMessageAsync(TestMail.HeaderId(message));
        var envelope = received.GetProperty("envelope").GetProperty("to");
        Assert.Equal(["zoe@example.test"], envelope.EnumerateArray().Select(r => r.GetProperty("address").GetString()));
        var source = await server.SourceAsync(received);
        var parsed = await MailParser.ParseAsync(source);
        Assert.Equal("zoe@example.test", Assert.Single(parsed.To).Address);
        Assert.Equal(TestMail.ShopAddress, Assert.Single(parsed.From).Address);
        Assert.Equal("help@fieldguides.test", Assert.Single(parsed.ReplyTo).Address);
        Assert.Empty(parsed.Cc);
        Assert.Empty(parsed.Bcc);
        Assert.DoesNotMatch("(?im)^(bcc|cc):", source[..source.IndexOf("\r\n\r\n", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task ARecipientThatIsNotAnAddressIsAPermanentFailure()
    {
        var message = ReceiptEmail.Create(TestMail.Receipt(buyerEmail: "not an address"));

        var failure = await Assert.ThrowsAsync<PermanentEmailException>(() => TestMail.SmtpSender(TestMail.Smtp(server.SmtpPort)).SendAsync(message));

        Assert.Contains("'not an address'", failure.Message);
    }

    private static (string?, string?) Address(JsonElement address) =>
        (address.GetProperty("address").GetString(), address.GetProperty("name").GetString());
}
