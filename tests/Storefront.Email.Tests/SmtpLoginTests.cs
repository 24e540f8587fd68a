using Storefront.Email.Receipts;
using Storefront.Email.Services;
using Storefront.Email.Tests.Infrastructure;

namespace Storefront.Email.Tests;

/// <summary>A real SMTP server that demands a login, as hosted mail providers do.</summary>
public sealed class SmtpLoginTests(AuthenticatingMailDevServer server) : IClassFixture<AuthenticatingMailDevServer>
{
    [Fact]
    public async Task TheConfiguredUsernameAndPasswordLogIn()
    {
        var message = ReceiptEmail.Create(TestMail.Receipt());
        var options = TestMail.Smtp(server.SmtpPort, smtp => (smtp.Username, smtp.Password) = (AuthenticatingMailDevServer.User, AuthenticatingMailDevServer.Password));

        await TestMail.SmtpSender(options).SendAsync(message);

        await server.WaitForMessageAsync(TestMail.HeaderId(message));
    }

    [Fact]
    public async Task AWrongPasswordIsAPermanentFailureAndThePasswordIsNeverLogged()
    {
        const string wrong = "wrong-Passw0rd-never-logged";
        var message = ReceiptEmail.Create(TestMail.Receipt());
        var logger = new ListLogger<SmtpEmailSender>();
        var options = TestMail.Smtp(server.SmtpPort, smtp => (smtp.Username, smtp.Password) = (AuthenticatingMailDevServer.User, wrong));

        var failure = await Assert.ThrowsAsync<PermanentEmailException>(() => TestMail.SmtpSender(options, logger).SendAsync(message));

        Assert.InRange((int)failure.StatusCode!, 500, 599);
        Assert.Contains("Email__Smtp__Password", failure.Message);
        Assert.NotEmpty(logger.Lines);
        Assert.DoesNotContain(logger.Lines, line => line.Contains(wrong, StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await server.CountAsync(TestMail.HeaderId(message)));
    }

    [Fact]
    public async Task NoLoginAtAllIsAPermanentFailure()
    {
        var message = ReceiptEmail.Create(TestMail.Receipt());

        var failure = await Assert.ThrowsAsync<PermanentEmailException>(() => TestMail.SmtpSender(TestMail.Smtp(server.SmtpPort)).SendAsync(message));

        Assert.InRange((int)failure.StatusCode!, 500, 599);
    }
}
