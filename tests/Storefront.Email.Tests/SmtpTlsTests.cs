using MailKit.Security;
using Storefront.Email.Receipts;
using Storefront.Email.Tests.Infrastructure;

namespace Storefront.Email.Tests;

/// <summary>Implicit TLS and STARTTLS against a real TLS handshake with a server whose certificate the test pins.</summary>
public sealed class SmtpTlsTests
{
    [Fact]
    public async Task ImplicitTlsCarriesTheMessageEncryptedFromTheFirstByte()
    {
        await using var server = new ScriptedSmtpServer("250 OK", ScriptedTls.Implicit);
        var message = ReceiptEmail.Create(TestMail.Receipt("Zoë Ünïcode"));
        var options = TestMail.Smtp(server.Port, smtp => smtp.Security = SmtpSecurity.SslOnConnect);

        await TestMail.SmtpSender(options, trust: ScriptedSmtpServer.TrustsOnlyOurCertificate).SendAsync(message);

        var delivery = Assert.Single(server.Deliveries);
        Assert.True(delivery.OverTls);
        Assert.Contains(TestMail.HeaderId(message), delivery.Message);
        Assert.Equal("Zoë Ünïcode", (await MailParser.ParseAsync(delivery.Message)).To.Single().Name);
    }

    [Fact]
    public async Task StartTlsUpgradesTheConnectionBeforeTheMessageIsSent()
    {
        await using var server = new ScriptedSmtpServer("250 OK", ScriptedTls.StartTls);
        var message = ReceiptEmail.Create(TestMail.Receipt());
        var options = TestMail.Smtp(server.Port, smtp => smtp.EnableSsl = true);

        await TestMail.SmtpSender(options, trust: ScriptedSmtpServer.TrustsOnlyOurCertificate).SendAsync(message);

        Assert.True(Assert.Single(server.Deliveries).OverTls);
    }

    [Fact]
    public async Task AServerThatDoesNotOfferStartTlsGetsNothingWhenTlsIsRequired()
    {
        await using var server = new ScriptedSmtpServer("250 OK");
        var options = TestMail.Smtp(server.Port, smtp => smtp.Security = SmtpSecurity.StartTls);

        var failure = await Assert.ThrowsAsync<TransientEmailException>(() =>
            TestMail.SmtpSender(options, trust: ScriptedSmtpServer.TrustsOnlyOurCertificate).SendAsync(ReceiptEmail.Create(TestMail.Receipt())));

        Assert.Contains("Email__Smtp__Security", failure.Message);
        Assert.Empty(server.Deliveries);
        Assert.Equal(0, server.RecipientCommands);
    }

    [Theory]
    [InlineData(ScriptedTls.Implicit, SmtpSecurity.SslOnConnect)]
    [InlineData(ScriptedTls.StartTls, SmtpSecurity.StartTls)]
    public async Task AnUntrustedCertificateIsRefusedAndNothingIsSent(ScriptedTls tls, SmtpSecurity security)
    {
        await using var server = new ScriptedSmtpServer("250 OK", tls);
        var options = TestMail.Smtp(server.Port, smtp => smtp.Security = security);

        var failure = await Assert.ThrowsAsync<TransientEmailException>(() => TestMail.SmtpSender(options).SendAsync(ReceiptEmail.Create(TestMail.Receipt())));

        Assert.IsType<SslHandshakeException>(failure.InnerException);
        Assert.Empty(server.Deliveries);
    }

    [Fact]
    public async Task ALoopbackRelayWithoutTlsIsUsedInTheClearByDefault()
    {
        await using var server = new ScriptedSmtpServer("250 OK");

        await TestMail.SmtpSender(TestMail.Smtp(server.Port)).SendAsync(ReceiptEmail.Create(TestMail.Receipt()));

        Assert.False(Assert.Single(server.Deliveries).OverTls);
    }
}
