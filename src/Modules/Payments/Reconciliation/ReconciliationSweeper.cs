using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Payments.Checkout;
using Storefront.Payments.Orders;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Payments.Reconciliation;

/// <summary>
/// Never a paid sale left pending because its webhook was lost: every <see cref="ReconciliationOptions.Interval"/>, the one
/// instance holding the lease lists the Checkout Sessions completed in the recent window and runs every paid one the shop
/// has not fulfilled through the same idempotent settlement as the webhook (a late webhook then changes nothing). It also
/// closes pending orders older than any Checkout Session can live, giving back the units they held.
/// </summary>
public sealed class ReconciliationSweeper(
    IServiceScopeFactory scopes, StartupBarrier barrier, IOptionsMonitor<ReconciliationOptions> options, PaymentsMetrics metrics, TimeProvider clock,
    ILogger<ReconciliationSweeper> logger) : BackgroundService
{
    public const string LeaseName = "payments.reconciliation";

    private readonly string holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>When this instance began: until a first sweep completes anywhere, the lag counts from here.</summary>
    public DateTime StartedAt { get; } = clock.GetUtcNow().UtcDateTime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await barrier.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.Interval, clock, stoppingToken);
                await SweepOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is StripeException or HttpRequestException or TaskCanceledException or DbUpdateException
                or InvalidOperationException)
            {
                // Stripe or the database may be briefly unreachable; the next round tries again.
                logger.LogWarning(e, "Reconciling with Stripe failed; trying again in {Interval}", options.CurrentValue.Interval);
            }
        }
    }

    /// <summary>One sweep, if this instance holds the lease: how many paid sessions it fulfilled and pending orders it closed.</summary>
    public async Task<(int Fulfilled, int Closed)> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        // Held a little longer than a round, so a slow round still ends before another instance may start one.
        var leases = services.GetRequiredService<Leases>();
        if (!await leases.TryTakeAsync(LeaseName, holder, settings.Interval * 2, cancellationToken))
        {
            return (0, 0);
        }

        var db = services.GetRequiredService<StorefrontDbContext>();
        var settlement = services.GetRequiredService<CheckoutSettlement>();
        var now = clock.GetUtcNow().UtcDateTime;
        var fulfilled = 0;
        var list = new SessionListOptions { Status = "complete", Limit = 100, Created = new DateRangeOptions { GreaterThanOrEqual = now - settings.Window } };
        await foreach (var session in services.GetRequiredService<SessionService>().ListAutoPagingAsync(list, cancellationToken: cancellationToken))
        {
            if (CheckoutSettlement.IsPaid(session) && await AwaitsFulfilmentAsync(db, session, cancellationToken)
                && metrics.Fulfilled(await settlement.FulfilAsync(session, cancellationToken), "sweeper") == "fulfilled")
            {
                fulfilled++;
                logger.LogWarning("Checkout session {SessionId} was paid but its webhook had not arrived; fulfilled by reconciliation", session.Id);
            }
        }

        var closed = 0;
        var fulfilment = services.GetRequiredService<Fulfilment>();
        var stale = await db.Set<Order>().AsNoTracking()
            .Where(o => o.Status == OrderStatus.Pending && o.CheckoutSessionId != null && o.CreatedAt < now - settings.PendingLifetime)
            .Select(o => o.CheckoutSessionId!).Take(500).ToListAsync(cancellationToken);
        foreach (var sessionId in stale)
        {
            closed += await fulfilment.CloseAsync(sessionId, cancellationToken);
        }

        // Every instance reads this to tell how far behind reconciliation is, whichever of them swept.
        await leases.CompleteAsync(LeaseName, holder, cancellationToken);
        metrics.SweepCompleted(fulfilled, closed);
        if (fulfilled + closed > 0)
        {
            logger.LogInformation("Reconciliation fulfilled {Fulfilled} paid session(s) and closed {Closed} stale pending order(s)", fulfilled, closed);
        }

        return (fulfilled, closed);
    }

    /// <summary>
    /// Only the shop's own unfulfilled orders: a Stripe account may also hold sessions of other integrations, which are
    /// passed over quietly rather than logged as unknown on every round.
    /// </summary>
    private static async Task<bool> AwaitsFulfilmentAsync(StorefrontDbContext db, Session session, CancellationToken cancellationToken) =>
        await db.Set<Order>().AnyAsync(o => o.CheckoutSessionId == session.Id && o.FulfilledAt == null, cancellationToken)
        || (Guid.TryParse(session.ClientReferenceId, out var orderId)
            && await db.Set<Order>().AnyAsync(o => o.Id == orderId && o.CheckoutSessionId == null && o.FulfilledAt == null, cancellationToken));
}
