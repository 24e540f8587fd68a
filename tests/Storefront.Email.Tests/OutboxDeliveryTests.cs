using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Storefront.Email.Tests.Infrastructure;

namespace Storefront.Email.Tests;

/// <summary>The real outbox processor on SQLite carrying receipts to real SMTP servers: what it retries, and how soon it starts.</summary>
public sealed class OutboxDeliveryTests(MailDevServer mail) : IClassFixture<MailDevServer>
{
    [Fact]
    public async Task ARejectedRecipientIsRecordedAsFailedAtOnceAndNeverTriedAgain()
    {
        await using var smtp = new ScriptedSmtpServer("550 5.1.1 No such user here");
        await using var host = await QueueAndTryOnceAsync(smtp, "00:00:00", "SO-550");

        Assert.Equal(0, await host.Processor.RunOnceAsync(CancellationToken.None));

        var message = await host.MessageAsync("SO-550");
        Assert.NotNull(message.FailedAt);
        Assert.Null(message.ProcessedAt);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("550", message.LastError);
        Assert.Equal(1, smtp.RecipientCommands);
    }

    [Fact]
    public async Task ABusyMailboxIsTriedAgainAfterABackoff()
    {
        await using var smtp = new ScriptedSmtpServer("450 4.2.1 Mailbox busy, try later");
        await using var host = await QueueAndTryOnceAsync(smtp, "00:00:02", "SO-450");

        var first = await host.MessageAsync("SO-450");
        Assert.Equal(0, await host.Processor.RunOnceAsync(CancellationToken.None));
        await Task.Delay(first.AvailableAt - DateTime.UtcNow + TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, await host.Processor.RunOnceAsync(CancellationToken.None));

        var second = await host.MessageAsync("SO-450");
        Assert.Null(first.FailedAt);
        Assert.Null(second.FailedAt);
        Assert.Equal(2, second.Attempts);
        Assert.Contains("450", second.LastError);
        Assert.True(second.AvailableAt - first.AvailableAt >= TimeSpan.FromSeconds(3.5), "the second wait doubles the first");
        Assert.Equal(2, smtp.RecipientCommands);
    }

    [Fact]
    public async Task AReceiptLeavesAsSoonAsItsTransactionCommitsNotAtTheNextPoll()
    {
        await using var host = await OutboxHost.StartAsync(mail.SmtpPort, new() { ["Outbox:PollInterval"] = "00:01:00" });
        var processor = (IHostedService)host.Processor;
        await processor.StartAsync(CancellationToken.None);
        try
        {
            // The processor's first look finds nothing; from here on only a signal or the one-minute poll wakes it.
            Assert.Equal(0, (await host.PassAfterAsync(0)).Attempted);
            var orderNumber = "SO-" + Guid.NewGuid().ToString("N")[..8];
            var headerId = $"<receipt.{orderNumber}@fieldguides.test>";

            var clock = new Stopwatch();
            await host.EnqueueAsync(orderNumber, beforeCommit: async () =>
            {
                // Saved but not committed: a look now must not take it. The look is woken by hand and has finished before
                // the commit, so only the commit's own signal can explain a send within the next minute.
                Assert.Equal(0, (await host.LookNowAsync()).Attempted);
                Assert.Equal(0, await mail.CountAsync(headerId));
                clock.Start();
            });
            await mail.WaitForMessageAsync(headerId);

            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
            await host.WaitUntilProcessedAsync(orderNumber);
        }
        finally
        {
            await processor.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<OutboxHost> QueueAndTryOnceAsync(ScriptedSmtpServer smtp, string firstRetryDelay, string orderNumber)
    {
        var host = await OutboxHost.StartAsync(smtp.Port, new() { ["Outbox:FirstRetryDelay"] = firstRetryDelay });
        await host.EnqueueAsync(orderNumber);
        Assert.Equal(1, await host.Processor.RunOnceAsync(CancellationToken.None));
        return host;
    }
}
