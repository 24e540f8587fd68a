using Storefront.Stripe.Tests.Infrastructure;
using Stripe;

namespace Storefront.Stripe.Tests;

/// <summary>The shared fixture events read through Stripe.net as the webhook reads them: typed objects, older API versions accepted.</summary>
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
        var session = evt.Session();
        Assert.True(session.IsPaid());
        Assert.Equal("order_fixture_0001", session.ClientReferenceId);
        Assert.Equal("prod_fixture_ebook_001", session.Metadata["product_id"]);
        Assert.Equal("pi_1PgafyB7WZ01zgkWSjxsAJo3", session.PaymentIntentId);
        Assert.Equal(1999, session.AmountTotal);
        Assert.Equal(("jenny.rosen@example.com", "Jenny Rosen"), (session.CustomerDetails!.Email, session.CustomerDetails.Name));
    }

    [Fact]
    public void ABankDebitCompletionIsCompleteButNotPaid()
    {
        var session = Parse("checkout.session.completed.async-unpaid.json").Session();

        Assert.Equal(("complete", "unpaid"), (session.Status, session.PaymentStatus));
        Assert.False(session.IsPaid());
        Assert.Equal("Zoë Ångström-Núñez", session.CustomerDetails!.Name);
    }

    [Fact]
    public void AnExpiredSessionHasNeitherBuyerNorPayment()
    {
        var session = Parse("checkout.session.expired.json").Session();

        Assert.Equal("expired", session.Status);
        Assert.Null(session.CustomerDetails);
        Assert.Null(session.PaymentIntentId);
    }

    [Fact]
    public void RefundAndDisputeEventsNameThePaymentIntentOfTheSession()
    {
        var charge = Parse("charge.refunded.json").Charge();
        var dispute = Parse("charge.dispute.created.json").Dispute();

        Assert.Equal(("ch_1PgafuB7WZ01zgkWXYmPNZs8", "pi_1PgafyB7WZ01zgkWSjxsAJo3", 1999L, true), (charge.Id, charge.PaymentIntentId, charge.AmountRefunded, charge.Refunded));
        Assert.Equal(("ch_1PgafuB7WZ01zgkWXYmPNZs8", "pi_1PgafyB7WZ01zgkWSjxsAJo3"), (dispute.ChargeId, dispute.PaymentIntentId));
        Assert.StartsWith("dp_", dispute.Id);
    }

    [Fact]
    public void EachEventCarriesTheObjectTypeItsDataNames()
    {
        var evt = Parse("charge.refunded.json");

        Assert.IsType<Charge>(evt.Data.Object);
        Assert.IsNotType<global::Stripe.Checkout.Session>(evt.Data.Object);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => EventUtility.ParseEvent("{\"id\":", throwOnApiVersionMismatch: false));
    }

    private static Event Parse(string file) => StripeTestClient.ParseEvent(System.IO.File.ReadAllBytes(Path.Combine(RepoPaths.StripeFixtures, file)));
}
