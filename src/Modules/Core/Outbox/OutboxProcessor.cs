using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;

namespace Storefront.Core.Outbox;

/// <summary>
/// Carries out outbox messages in the background. Any number of instances may run: a message is
/// claimed with a conditional update, so only one instance works on it at a time, and a claim that
/// lapses (the instance died) is taken over. Failures back off exponentially, up to <c>Outbox__MaxAttempts</c>;
/// a failure the handler marks as <see cref="IPermanentFailure"/> is recorded at once and never retried.
/// </summary>
public sealed class OutboxProcessor(
    IServiceScopeFactory scopes, OutboxSignal signal, OutboxPasses passes, StartupBarrier barrier, IOptions<OutboxOptions> options, TimeProvider clock,
    ILogger<OutboxProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // No polling before the tables exist.
        await barrier.Ready.WaitAsync(stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the next poll tries again.
                logger.LogWarning(ex, "Outbox poll failed");
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and carries out the messages that are due; returns how many were attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var pass = passes.Begin();
        var attempted = await AttemptDueAsync(cancellationToken);
        passes.Finish(new OutboxPass(pass, attempted));
        logger.LogDebug("Outbox pass {Pass} attempted {Attempted} messages", pass, attempted);
        return attempted;
    }

    private async Task<int> AttemptDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToDictionary(h => h.Type);
        var now = Now();
        var max = options.Value.MaxAttempts;
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.ProcessedAt == null && m.FailedAt == null && m.AvailableAt <= now && m.Attempts < max && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.AvailableAt).Take(20).Select(m => m.Id).ToListAsync(cancellationToken);
        var attempted = 0;
        foreach (var id in due)
        {
            var claimedAt = Now();
            var lockUntil = claimedAt + options.Value.LockDuration;
            var claimed = await db.Set<OutboxMessage>()
                .Where(m => m.Id == id && m.ProcessedAt == null && m.FailedAt == null && (m.LockedUntil == null || m.LockedUntil < claimedAt))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, lockUntil), cancellationToken);
            if (claimed == 0)
            {
                continue; // another instance has it
            }

            attempted++;
            var message = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            await CarryOutAsync(db, handlers, message, cancellationToken);
        }

        return attempted;
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private async Task CarryOutAsync(StorefrontDbContext db, Dictionary<string, IOutboxHandler> handlers, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (!handlers.TryGetValue(message.Type, out var handler))
            {
                throw new InvalidOperationException($"No outbox handler is registered for '{message.Type}'.");
            }

            await handler.HandleAsync(message, cancellationToken);
            var done = Now();
            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ProcessedAt, done)
                .SetProperty(m => m.Attempts, message.Attempts + 1)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var attempts = message.Attempts + 1;
            var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            if (IsPermanent(ex))
            {
                var failedAt = Now();
                await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.FailedAt, failedAt)
                    .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
                logger.LogError(ex, "Outbox message {MessageId} ({Type}) failed for good and is not retried", message.Id, message.Type);
                return;
            }

            var delay = options.Value.FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 10));
            var retryAt = Now() + delay;
            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.AvailableAt, retryAt)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
            if (attempts >= options.Value.MaxAttempts)
            {
                logger.LogError(ex, "Outbox message {MessageId} ({Type}) failed {Attempts} times and is given up", message.Id, message.Type, attempts);
            }
            else
            {
                logger.LogWarning(ex, "Outbox message {MessageId} ({Type}) failed; retrying at {RetryAt:O}", message.Id, message.Type, retryAt);
            }
        }
    }

    // A handler may wrap the failure it got from a lower layer; what that layer knew still decides.
    private static bool IsPermanent(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is IPermanentFailure)
            {
                return true;
            }
        }

        return false;
    }
}
