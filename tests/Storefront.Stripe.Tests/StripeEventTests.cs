using Storefront.Payments.Stripe.Models;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>The event envelope and the objects the webhook reads from it, on the shared fixture events.</summary>
public sealed class StripeEventTests
{
    [Fact]
    public void ACompletedCheckoutEventYieldsThePaidSessionWithBuyerAndOrder()
    {
        var evt = Parse("checkout.session.completed.json");

        Assert.Equal("evt_1PgcA1B7WZ01zgkWfixtureCsCompleted", evt.Id);
        Assert.Equal("checkout.session.completed", evt.Type);
        Assert.Equal("2026-07-29.dahlia", evt.ApiVersion);
        Assert.False(evt.Livemode);
        var session = evt.ReadCheckoutSession();
        Assert.True(session.IsPaid);
        Assert.Equal("order_fixture_0001", session.ClientReferenceId);
        Assert.Equal("prod_fixture_ebook_001", session.Metadata["product_id"]);
        Assert.Equal("pi_1PgafyB7WZ01zgkWSjxsAJo3", session.PaymentIntent);
        Assert.Equal(1999, session.AmountTotal);
        Assert.Equal(("jenny.rosen@example.com", "Jenny Rosen"), (session.CustomerDetails!.Email, session.CustomerDetails.Name));
    }

    [Fact]
    public void ABankDebitCompletionIsCompleteButNotPaid()
    {
        var session = Parse("checkout.session.completed.async-unpaid.json").ReadCheckoutSession();

        Assert.Equal(("complete", "unpaid"), (session.Status, session.PaymentStatus));
        Assert.False(session.IsPaid);
        Assert.Equal("Zoë Ångström-Núñez", session.CustomerDetails!.Name);
    }

    [Fact]
    public void AnExpiredSessionHasNeitherBuyerNorPayment()
    {
        var session = Parse("checkout.session.expired.json").ReadCheckoutSession();

        Assert.Equal("expired", session.Status);
        Assert.Null(session.CustomerDetails);
        Assert.Null(session.PaymentIntent);
    }

    [Fact]
    public void RefundAndDisputeEventsNameThePaymentIntentOfTheSession()
    {
        var charge = Parse("charge.refunded.json").ReadCharge();
        var dispute = Parse("charge.dispute.created.json").ReadDispute();

        Assert.Equal(("ch_1PgafuB7WZ01zgkWXYmPNZs8", "pi_1PgafyB7WZ01zgkWSjxsAJo3", 1999L, true), (charge.Id, charge.PaymentIntent, charge.AmountRefunded, charge.Refunded));
        Assert.Equal(("ch_1PgafuB7WZ01zgkWXYmPNZs8", "pi_1PgafyB7WZ01zgkWSjxsAJo3"), (dispute.Charge, dispute.PaymentIntent));
        Assert.StartsWith("dp_", dispute.Id);
    }

    [Fact]
    public void ReadingTheWrongObjectTypeIsRefusedRatherThanHalfFilled()
    {
        var evt = Parse("charge.refunded.json");

        Assert.Equal("charge", evt.DataObjectType);
        Assert.Throws<InvalidOperationException>(() => evt.ReadCheckoutSession());
        Assert.Throws<System.Text.Json.JsonException>(() => StripeEvent.Parse("{\"id\":\"x\",\"object\":\"charge\"}"u8));
    }

    private static StripeEvent Parse(string file) => StripeEvent.Parse(File.ReadAllBytes(Path.Combine(RepoPaths.StripeFixtures, file)));
}
