using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Outbox;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Payments.Reconciliation;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// A paid sale whose webhook never came is fulfilled by the reconciliation sweep, exactly once; only the instance holding
/// the lease sweeps; pending orders older than any Checkout Session are closed.
/// </summary>
public sealed class ReconciliationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task APaidSaleWhoseWebhookNeverCameIsFulfilledByTheSweepAndTheLateWebhookChangesNothing(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: new Dictionary<string, string?> { ["Reconciliation:Interval"] = "00:00:01" });
        shop.Stripe.Options.WebhookUrl = null;

        await shop.BuyAsync("lost.webhook@example.com", "Lost Webhook", openSuccessPage: false);

        await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => d.Set<Order>().AnyAsync(o => o.Status == OrderStatus.Paid)),
            "the sweep fulfilling the paid session", seconds: 30);
        var late = await shop.DeliverAsync(shop.LastEvent("checkout.session.completed"));
        Assert.Contains("already fulfilled", await late.Content.ReadAsStringAsync());
        await shop.WaitForOutboxDrainedAsync();
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "payments.receipt")));
        Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "receipt.*.eml"));
        shop.App.Logs.AssertNoErrors();
    }

    /// <summary>
    /// The issue's own check: the shop's endpoint refuses every delivery while the buyer pays (Stripe signs with a secret the
    /// shop does not hold, so each attempt is answered 400), the sweep fulfils within a minute, and the webhook that finally
    /// gets through afterwards changes nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task DeliveriesRefusedByTheEndpointDuringAPurchaseLoseNothingAndTheLateOneChangesNothing(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: new Dictionary<string, string?> { ["Reconciliation:Interval"] = "00:00:05" });
        var secret = shop.Stripe.Options.WebhookSecret;
        shop.Stripe.Options.WebhookSecret = "whsec_a_secret_the_shop_does_not_hold";

        await shop.BuyAsync("refused.webhook@example.com", "Refused Webhook", openSuccessPage: false);
        await Eventually.HoldsAsync(() => Task.FromResult(shop.Stripe.State.Deliveries.Any(d => d.EventType == "checkout.session.completed")),
            "Stripe giving up on delivering the completed session", seconds: 30);
        var refused = shop.Stripe.State.Deliveries.Single(d => d.EventType == "checkout.session.completed");
        Assert.False(refused.Succeeded);
        Assert.All(refused.Attempts, a => Assert.Equal(400, a.Status));

        var fulfilledIn = await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => d.Set<Order>().AnyAsync(o => o.Status == OrderStatus.Paid)),
            "the sweep fulfilling the paid session whose deliveries were refused", seconds: 60);
        Assert.True(fulfilledIn < TimeSpan.FromMinutes(1), $"fulfilled after {fulfilledIn}");

        shop.Stripe.Options.WebhookSecret = secret;
        var late = await shop.DeliverAsync(shop.LastEvent("checkout.session.completed"));
        Assert.True(late.IsSuccessStatusCode);
        Assert.Contains("already fulfilled", await late.Content.ReadAsStringAsync());
        await shop.WaitForOutboxDrainedAsync();
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "payments.receipt")));
        Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "receipt.*.eml"));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task OnlyOneHolderHasTheLeaseUntilItRunsOut(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);

        Task<bool> TakeAsync(string holder, TimeSpan length) =>
            app.WithDbAsync(d => new Leases(d, TimeProvider.System).TryTakeAsync("test.job", holder, length, CancellationToken.None));

        Assert.True(await TakeAsync("first", TimeSpan.FromSeconds(2)));
        Assert.False(await TakeAsync("second", TimeSpan.FromSeconds(2)));
        Assert.True(await TakeAsync("first", TimeSpan.FromSeconds(2)));
        await Eventually.HoldsAsync(() => TakeAsync("second", TimeSpan.FromMinutes(1)), "the first holder's lease running out", seconds: 10);
        Assert.False(await TakeAsync("first", TimeSpan.FromSeconds(2)));
        var racers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => TakeAsync($"racer-{i}", TimeSpan.FromMinutes(1))));
        Assert.DoesNotContain(true, racers);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task APendingOrderOlderThanAnyCheckoutSessionIsClosed()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        shop.Stripe.Options.WebhookUrl = null;
        await shop.BuyAsync("gone@example.com", "Gone Away", action: "decline", openSuccessPage: false);
        await shop.App.WithDbAsync(d => d.Set<Order>().ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, DateTime.UtcNow.AddDays(-2))));

        var (fulfilled, closed) = await shop.App.Services.GetRequiredService<ReconciliationSweeper>().SweepOnceAsync(CancellationToken.None);

        Assert.Equal((0, 1), (fulfilled, closed));
        Assert.Equal(OrderStatus.Closed, (await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync())).Status);
        shop.App.Logs.AssertNoErrors();
    }
}
