using System.Text.Json;
using Storefront.Payments.Stripe;
using Stripe;
using Stripe.Checkout;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>How the emulator delivers events: retried on failure, logged, redeliverable concurrently, one per cause.</summary>
public sealed class WebhookDeliveryTests
{
    [Fact]
    public async Task AFailingEndpointGetsTheEventAgainUntilItAnswers2xxAndTheLogShowsEachAttempt()
    {
        await using var listener = await WebhookListener.StartAsync(failFirst: 2);
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var (client, session) = await PaidSessionAsync(emulator);

        var delivery = Assert.Single(emulator.State.Deliveries);
        var log = await client.GetJsonAsync("v1/test_helpers/webhook_deliveries");

        Assert.True(delivery.Succeeded);
        Assert.Equal([500, 500, 200], delivery.Attempts.Select(a => a.Status));
        Assert.Single(listener.Received);
        var entry = log.GetProperty("data")[0];
        Assert.Equal(("checkout.session.completed", true, 3), (entry.GetProperty("type").GetString(), entry.GetProperty("succeeded").GetBoolean(), entry.GetProperty("attempts").GetArrayLength()));
        Assert.Equal(session.Id, StripeTestClient.ParseEvent(listener.Received[0].Body).Session().Id);
    }

    [Fact]
    public async Task DeliveryGivesUpAfterTheBoundedAttemptsAndSaysSo()
    {
        await using var listener = await WebhookListener.StartAsync(failFirst: 100);
        await using var emulator = await TestEmulator.StartAsync(listener.Url, webhookAttempts: 3);

        await PaidSessionAsync(emulator);

        var delivery = Assert.Single(emulator.State.Deliveries);
        Assert.False(delivery.Succeeded);
        Assert.Equal(3, delivery.Attempts.Count);
    }

    [Fact]
    public async Task AnEventRedeliveredConcurrentlyArrivesNTimesWithTheSameIdAndBodyEachValidlySigned()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var (client, _) = await PaidSessionAsync(emulator);
        var events = await client.GetJsonAsync("v1/events?type=checkout.session.completed");
        var eventId = events.GetProperty("data")[0].GetProperty("id").GetString()!;

        var result = await client.PostJsonAsync($"v1/test_helpers/events/{eventId}/redeliver", [new("count", 8)]);

        Assert.Equal(8, result.GetProperty("data").GetArrayLength());
        Assert.Equal(9, listener.Received.Count);
        Assert.Single(listener.Received.Select(r => r.Text).Distinct());
        var verifier = StripeTestClient.Verifier(TestEmulator.WebhookSecret);
        Assert.All(listener.Received, r => Assert.True(verifier.Verify(r.Body, r.Signature).IsValid));
        Assert.Equal(eventId, StripeTestClient.ParseEvent(listener.Received[^1].Body).Id);
    }

    [Fact]
    public async Task ARefundSendsChargeRefundedNamingThePaymentIntentAndTheRequestThatCausedIt()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var (client, session) = await PaidSessionAsync(emulator);

        var partial = await client.CreateRefundAsync(new RefundCreateOptions { PaymentIntent = session.PaymentIntentId, Amount = 900 }, "refund-order_0001-a");
        var partialEvent = StripeTestClient.ParseEvent((await listener.WaitForAsync("charge.refunded")).Body);
        var rest = await client.CreateRefundAsync(new RefundCreateOptions { PaymentIntent = session.PaymentIntentId, Reason = "requested_by_customer" }, "refund-order_0001-b");
        await WaitUntilAsync(() => listener.Received.Count(r => r.Text.Contains("\"type\": \"charge.refunded\"")) == 2);

        Assert.Equal((900L, "succeeded"), (partial.Amount, partial.Status));
        Assert.Equal(2000, rest.Amount);
        var charge = partialEvent.Charge();
        Assert.Equal((session.PaymentIntentId, 900L, false), (charge.PaymentIntentId, charge.AmountRefunded, charge.Refunded));
        Assert.Equal("refund-order_0001-a", partialEvent.Request!.IdempotencyKey);
        Assert.StartsWith("req_", partialEvent.Request.Id);
        var final = StripeTestClient.ParseEvent(listener.Received.Last(r => r.Text.Contains("\"type\": \"charge.refunded\"")).Body).Charge();
        Assert.Equal((2900L, true), (final.AmountRefunded, final.Refunded));
    }

    [Fact]
    public async Task ADashboardRefundSendsRefundCreatedAndAFailureSendsRefundUpdatedAndStopsCountingOnTheCharge()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var (client, session) = await PaidSessionAsync(emulator);

        var refund = await client.PostAsync<Refund>("v1/test_helpers/refunds", [new("payment_intent", session.PaymentIntentId), new("amount", 1200)], null);
        var created = StripeTestClient.ParseEvent(listener.Received.Single(r => r.Text.Contains("\"type\": \"refund.created\"")).Body);
        var failed = await client.PostAsync<Refund>($"v1/test_helpers/refunds/{refund.Id}/end", [new("status", "failed")], null);
        var again = await Assert.ThrowsAsync<StripeException>(() => client.PostAsync<Refund>($"v1/test_helpers/refunds/{refund.Id}/end", [new("status", "canceled")], null));
        var readBack = await new RefundService(client).GetAsync(refund.Id);
        var rest = await client.CreateRefundAsync(new RefundCreateOptions { PaymentIntent = session.PaymentIntentId }, "refund-order_0001-after-failure");

        Assert.Equal((refund.Id, 1200L, "succeeded", session.PaymentIntentId), (Assert.IsType<Refund>(created.Data.Object).Id,
            ((Refund)created.Data.Object).Amount, ((Refund)created.Data.Object).Status, ((Refund)created.Data.Object).PaymentIntentId));
        Assert.Null(created.Request!.IdempotencyKey);
        Assert.Equal(("failed", "expired_or_canceled_card"), (failed.Status, failed.FailureReason));
        Assert.Equal("failed", readBack.Status);
        Assert.Equal(400, (int)again.HttpStatusCode);
        var updates = listener.Received.Select(r => StripeTestClient.ParseEvent(r.Body)).Where(e => e.Type is "refund.updated" or "refund.failed").ToList();
        Assert.Equal(["refund.updated", "refund.failed"], updates.Select(e => e.Type));
        Assert.All(updates, e => Assert.Equal("failed", Assert.IsType<Refund>(e.Data.Object).Status));
        // The failed refund gave its amount back: the whole charge is refundable again.
        Assert.Equal(2900L, rest.Amount);
    }

    [Fact]
    public async Task TheDisputeHelperSendsChargeDisputeCreatedForThePaymentIntentOrTheCharge()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var (client, session) = await PaidSessionAsync(emulator);

        var byIntent = await client.PostAsync<Dispute>("v1/test_helpers/disputes", [new("payment_intent", session.PaymentIntentId)], null);
        var byCharge = await client.PostAsync<Dispute>("v1/test_helpers/disputes", [new("charge", byIntent.ChargeId)], null);
        var unknown = await Assert.ThrowsAsync<StripeException>(() =>
            client.PostAsync<Dispute>("v1/test_helpers/disputes", [new("payment_intent", "pi_nope")], null));

        var delivered = StripeTestClient.ParseEvent(listener.Received[1].Body);
        Assert.Equal("charge.dispute.created", delivered.Type);
        Assert.Equal((session.PaymentIntentId, byIntent.ChargeId), (delivered.Dispute().PaymentIntentId, delivered.Dispute().ChargeId));
        Assert.StartsWith("dp_", byIntent.Id);
        Assert.Equal(session.PaymentIntentId, byCharge.PaymentIntentId);
        Assert.Equal("resource_missing", unknown.StripeError.Code);
    }

    [Fact]
    public async Task ExpiringAnOpenSessionSendsCheckoutSessionExpiredAndClosesItsPage()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var client = TestEmulator.Client(emulator.BaseUrl);
        var session = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_expire-checkout");

        var expired = await client.ExpireCheckoutSessionAsync(session.Id, "order_expire-expire");
        var evt = StripeTestClient.ParseEvent((await listener.WaitForAsync("checkout.session.expired")).Body);
        using var browser = TestEmulator.Browser();
        var page = await (await browser.GetAsync(session.Url)).Content.ReadAsStringAsync();

        Assert.Equal(("expired", null), (expired.Status, expired.Url));
        Assert.Equal((session.Id, "expired"), (evt.Session().Id, evt.Session().Status));
        Assert.Contains("This checkout has expired", page);
        Assert.DoesNotContain("<form", page);
    }

    [Fact]
    public async Task ASessionLeftUnpaidPastItsExpiryExpiresByItselfAndSendsTheEvent()
    {
        await using var listener = await WebhookListener.StartAsync();
        var clock = new ManualTime();
        await using var emulator = await Storefront.StripeEmulator.StripeEmulatorServer.StartAsync(new Storefront.StripeEmulator.StripeEmulatorOptions
        {
            ApiKeys = [TestEmulator.ApiKey],
            WebhookSecret = TestEmulator.WebhookSecret,
            WebhookUrl = listener.Url.ToString(),
            Time = clock,
        });
        var client = TestEmulator.Client(emulator.BaseUrl);
        var book = TestEmulator.Book();
        book.ExpiresAt = clock.GetUtcNow().AddHours(1).UtcDateTime;
        var session = await client.CreateCheckoutSessionAsync(book, "order_lapse");

        clock.Advance(TimeSpan.FromMinutes(59));
        var stillOpen = await client.GetCheckoutSessionAsync(session.Id);
        clock.Advance(TimeSpan.FromMinutes(1));
        var lapsed = await client.GetCheckoutSessionAsync(session.Id);
        var evt = StripeTestClient.ParseEvent((await listener.WaitForAsync("checkout.session.expired")).Body);
        using var browser = TestEmulator.Browser();
        var pay = await browser.PostAsync(new Uri(session.Url!), new FormUrlEncodedContent([new("email", "a@example.com"), new("action", "pay")]));

        Assert.Equal("open", stillOpen.Status);
        Assert.Equal("expired", lapsed.Status);
        Assert.Equal(session.Id, evt.Session().Id);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, pay.StatusCode);
        Assert.Single(listener.Received);
    }

    private static async Task<(IStripeClient Client, Session Session)> PaidSessionAsync(Storefront.StripeEmulator.RunningStripeEmulator emulator)
    {
        var client = TestEmulator.Client(emulator.BaseUrl);
        var session = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_0001-checkout");
        using var browser = TestEmulator.Browser();
        await TestEmulator.SubmitAsync(browser, session.Url!, "pay");
        return (client, await client.GetCheckoutSessionAsync(session.Id));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience.For(TimeSpan.FromSeconds(5));
        while (DateTime.UtcNow < deadline && !condition())
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
