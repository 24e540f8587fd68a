using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.CreditNotes;
using Storefront.Payments.Orders;
using Storefront.Payments.Refunds;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// Refunds made in Stripe's own dashboard reach the shop only by webhook: each is recorded once, whatever the order, number
/// and concurrency of deliveries, and a refund that later fails is shown as failed and stops counting.
/// </summary>
public sealed class StripeRefundTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ADashboardRefundIsRecordedOnceUnderReplaysAndAFailedOneStopsCounting(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await shop.BuyAsync("dash@example.com", "Dash");
        var (intent, number) = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => new Tuple<string, long>(o.PaymentIntentId!, o.Number)).SingleAsync());

        var refund = JsonDocument.Parse(await (await shop.StripeApiAsync("/v1/test_helpers/refunds", ("payment_intent", intent), ("amount", "900"),
            ("reason", "requested_by_customer"))).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var before = await StateAsync(shop);
        foreach (var type in new[] { "refund.created", "charge.refunded" })
        {
            await shop.StripeApiAsync($"/v1/test_helpers/events/{shop.Stripe.State.Events.Last(e => e.Type == type).Id}/redeliver", ("count", "5"));
        }

        await shop.WaitForOutboxDrainedAsync();
        Assert.Equal(before, await StateAsync(shop));
        var recorded = Assert.Single(await shop.App.WithDbAsync(d => d.Set<OrderRefund>().ToListAsync()));
        Assert.Equal((refund, 900L, OrderRefunds.StripeDashboard, RefundStatuses.Succeeded), (recorded.Id, recorded.AmountMinor, recorded.RefundedBy, recorded.Status));
        Assert.Equal(1L, await shop.App.WithDbAsync(d => d.Set<CreditNote>().Select(c => c.Number).SingleAsync()));
        Assert.Equal(1, await RefundForm.RefundMessagesQueuedAsync(shop));
        Assert.Contains("We refunded $9.00 of the $29.00", Assert.Single(RefundForm.RefundEmails(shop)));
        Assert.Equal(EntitlementStatus.Active, await shop.App.WithDbAsync(d => d.Set<Entitlement>().Select(e => e.Status).SingleAsync()));
        using var admin = await AdminSession.SignInAsync(shop.App);
        var page = await admin.GetStringAsync($"/admin/orders/{number}");
        Assert.Contains("Stripe dashboard", page);
        Assert.Contains("Left to refund: <strong>$20.00</strong>", page);

        await shop.StripeApiAsync($"/v1/test_helpers/refunds/{refund}/end", ("status", "failed"));
        await shop.StripeApiAsync($"/v1/test_helpers/events/{shop.Stripe.State.Events.Last(e => e.Type == "refund.created").Id}/redeliver", ("count", "3"));

        Assert.Equal(RefundStatuses.Failed, await shop.App.WithDbAsync(d => d.Set<OrderRefund>().Select(r => r.Status).SingleAsync()));
        page = await admin.GetStringAsync($"/admin/orders/{number}");
        Assert.Contains("$9.00 (not refunded)", page);
        Assert.Contains("Left to refund: <strong>$29.00</strong>", page);
        await shop.WaitForOutboxDrainedAsync();
        Assert.Equal(1, await RefundForm.RefundMessagesQueuedAsync(shop));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AFullDashboardRefundDeliveredInAnyOrderRevokesOnceAndMailsOnce(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("order@example.com", "Order")).Page));
        var intent = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId!).SingleAsync());
        shop.Stripe.Options.WebhookUrl = null;
        await shop.StripeApiAsync("/v1/test_helpers/refunds", ("payment_intent", intent));
        var events = shop.Stripe.State.Events.Where(e => e.Type is "refund.created" or "charge.refunded").Select(e => e.BodyText).ToList();

        // charge.refunded first, then both at once, several times over: Stripe promises no order.
        var responses = new List<HttpResponseMessage> { await shop.DeliverAsync(events[1]) };
        responses.AddRange(await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => events).Select(e => Task.Run(() => shop.DeliverAsync(e)))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await shop.WaitForOutboxDrainedAsync();
        Assert.Single(await shop.App.WithDbAsync(d => d.Set<OrderRefund>().ToListAsync()));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<CreditNote>().CountAsync()));
        Assert.Equal(OrderStatus.Refunded, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        using var buyer = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync(link)).StatusCode);
        Assert.Contains("no longer available", Assert.Single(RefundForm.RefundEmails(shop)));
        shop.App.Logs.AssertNoErrors();
    }

    /// <summary>Everything a refund event may touch, as one comparable string.</summary>
    private static Task<string> StateAsync(ShopWithStripe shop) => shop.App.WithDbAsync(async d => JsonSerializer.Serialize(new
    {
        Orders = await d.Set<Order>().AsNoTracking().OrderBy(o => o.Number).ToListAsync(),
        Entitlements = await d.Set<Entitlement>().AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(),
        Refunds = await d.Set<OrderRefund>().AsNoTracking().OrderBy(r => r.Id).ToListAsync(),
        CreditNotes = await d.Set<CreditNote>().AsNoTracking().OrderBy(c => c.Number).Select(c => new { c.RefundId, c.Number }).ToListAsync(),
        Outbox = await d.Set<Storefront.Core.Outbox.OutboxMessage>().AsNoTracking().CountAsync(),
    }));
}
