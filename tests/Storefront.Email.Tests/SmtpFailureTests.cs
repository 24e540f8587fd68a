using System.Diagnostics;
using MailKit.Net.Smtp;
using Storefront.Email.Receipts;
using Storefront.Email.Tests.Infrastructure;

namespace Storefront.Email.Tests;

/// <summary>Failures sorted the way an outbox needs them: retry later, or give up.</summary>
public sealed class SmtpFailureTests
{
    [Fact]
    public async Task ASmtpServerThatIsDownIsATransientFailure()
    {
        var sender = TestMail.SmtpSender(TestMail.Smtp(Ports.Free()));

        var failure = await Assert.ThrowsAsync<TransientEmailException>(() => sender.SendAsync(ReceiptEmail.Create(TestMail.Receipt())));

        Assert.Null(failure.StatusCode);
        Assert.Contains("127.0.0.1", failure.Message);
    }

    [Fact]
    public async Task AServerThatNeverAnswersIsATransientFailureOnceTheTimeoutPasses()
    {
        await using var silent = new ScriptedSmtpServer(recipientReply: null);
        var sender = TestMail.SmtpSender(TestMail.Smtp(silent.Port, smtp => smtp.TimeoutSeconds = 1));
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<TransientEmailException>(() => sender.SendAsync(ReceiptEmail.Create(TestMail.Receipt())));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Contains("within 1 s", failure.Message);
    }

    [Fact]
    public async Task ARejectedRecipientIsAPermanentFailureWithTheServersCode()
    {
        await using var server = new ScriptedSmtpServer("550 5.1.1 No such user here");
        var sender = TestMail.SmtpSender(TestMail.Smtp(server.Port));

        var failure = await Assert.ThrowsAsync<PermanentEmailException>(() => sender.SendAsync(ReceiptEmail.Create(TestMail.Receipt())));

        Assert.Equal(SmtpStatusCode.MailboxUnavailable, failure.StatusCode);
        Assert.Contains("zoe@example.test", failure.Message);
    }

    [Fact]
    public async Task ABusyMailboxIsATransientFailureWithTheServersCode()
    {
        await using var server = new ScriptedSmtpServer("450 4.2.1 Mailbox busy, try later");
        var sender = TestMail.SmtpSender(TestMail.Smtp(server.Port));

        var failure = await Assert.ThrowsAsync<TransientEmailException>(() => sender.SendAsync(ReceiptEmail.Create(TestMail.Receipt())));

        Assert.Equal(SmtpStatusCode.MailboxBusy, failure.StatusCode);
    }

    [Fact]
    public async Task CancellingASendIsNotReportedAsADeliveryFailure()
    {
        await using var silent = new ScriptedSmtpServer(recipientReply: null);
        var sender = TestMail.SmtpSender(TestMail.Smtp(silent.Port, smtp => smtp.TimeoutSeconds = 30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(ReceiptEmail.Create(TestMail.Receipt()), cancel.Token));
    }
}
