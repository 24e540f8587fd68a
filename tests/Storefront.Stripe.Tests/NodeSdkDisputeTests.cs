using System.Text.Json;
using Storefront.Stripe.Tests.Infrastructure;
using Stripe;

namespace Storefront.Stripe.Tests;

/// <summary>
/// The official Stripe Node SDK reads a dispute, stages and submits evidence and is refused a second submission, as against
/// Stripe; the bank's decision then arrives as the webhooks Stripe sends, with the balance transactions that move the money.
/// </summary>
public sealed class NodeSdkDisputeTests
{
    [Theory]
    [InlineData("won")]
    [InlineData("lost")]
    public async Task TheSdkStagesAndSubmitsEvidenceOnceAndTheDecisionMovesTheFunds(string outcome)
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var session = await TestEmulator.Client(emulator.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_0001-checkout");
        using var browser = TestEmulator.Browser();
        await TestEmulator.SubmitAsync(browser, session.Url!, "pay");
        var paid = await TestEmulator.Client(emulator.BaseUrl).GetCheckoutSessionAsync(session.Id);

        var result = await NodeSdk.RunAsync("disputes", emulator.BaseUrl, TestEmulator.ApiKey, new { paymentIntent = paid.PaymentIntentId, outcome });

        var opened = result.GetProperty("opened");
        var id = opened.GetProperty("id").GetString()!;
        Assert.Equal(("dispute", "needs_response", "product_not_received"),
            (opened.GetProperty("object").GetString(), opened.GetProperty("status").GetString(), opened.GetProperty("reason").GetString()));
        var withdrawal = Assert.Single(opened.GetProperty("balance_transactions").EnumerateArray());
        Assert.Equal((-2900L, 1500L, -4400L), (withdrawal.GetProperty("amount").GetInt64(), withdrawal.GetProperty("fee").GetInt64(), withdrawal.GetProperty("net").GetInt64()));
        Assert.Equal(id, result.GetProperty("retrieved").GetProperty("id").GetString());
        Assert.True(result.GetProperty("retrieved").GetProperty("evidence_details").GetProperty("due_by").GetInt64() > opened.GetProperty("created").GetInt64());

        var staged = result.GetProperty("staged");
        Assert.Equal("needs_response", staged.GetProperty("status").GetString());
        Assert.Equal("Jenny Rosen", staged.GetProperty("evidence").GetProperty("customer_name").GetString());
        Assert.Contains("203.0.113.7", staged.GetProperty("evidence").GetProperty("access_activity_log").GetString());
        Assert.Equal(0, staged.GetProperty("evidence_details").GetProperty("submission_count").GetInt32());
        Assert.True(staged.GetProperty("evidence_details").GetProperty("has_evidence").GetBoolean());
        Assert.False(result.GetProperty("unset").GetProperty("metadata").TryGetProperty("note", out _));
        Assert.Equal("order_node_1", result.GetProperty("unset").GetProperty("metadata").GetProperty("order_id").GetString());
        Assert.Equal(("parameter_unknown", "evidence[not_a_field]"), ErrorOf(result, "unknownField"));
        Assert.Equal(("string_length_exceeds_maximum", "evidence[customer_name]"), ErrorOf(result, "tooLong"));

        var submitted = result.GetProperty("submitted");
        Assert.Equal("under_review", submitted.GetProperty("status").GetString());
        Assert.Equal(1, submitted.GetProperty("evidence_details").GetProperty("submission_count").GetInt32());
        Assert.Equal(("Jenny Rosen", "jenny.rosen@example.com"), (submitted.GetProperty("evidence").GetProperty("customer_name").GetString(),
            submitted.GetProperty("evidence").GetProperty("customer_email_address").GetString()));
        var again = result.GetProperty("again").GetProperty("error");
        Assert.Equal(("StripeInvalidRequestError", 400), (again.GetProperty("class").GetString(), again.GetProperty("statusCode").GetInt32()));
        Assert.Contains("already been submitted", again.GetProperty("message").GetString());
        Assert.Equal("resource_missing", result.GetProperty("missing").GetProperty("error").GetProperty("code").GetString());

        var final = result.GetProperty("final");
        Assert.Equal(outcome, final.GetProperty("status").GetString());
        Assert.Equal("Jenny Rosen", final.GetProperty("evidence").GetProperty("customer_name").GetString());
        Assert.NotEqual(JsonValueKind.Null, result.GetProperty("closeAgain").ValueKind);

        // What the shop hears, in order, each signed: the dispute, the withdrawal, the staged and submitted evidence, the decision.
        var closed = StripeTestClient.ParseEvent((await listener.WaitForAsync("charge.dispute.closed")).Body);
        Assert.Equal((id, outcome), (closed.Dispute().Id, closed.Dispute().Status));
        var withdrawn = StripeTestClient.ParseEvent((await listener.WaitForAsync("charge.dispute.funds_withdrawn")).Body).Dispute();
        Assert.Equal(-2900, Assert.Single(withdrawn.BalanceTransactions).Amount);
        // Updates are delivered after the answer, as Stripe does, so they may still be on their way.
        for (var waited = 0; Updates(listener).Count < 3 && waited < 200; waited++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(["needs_response", "needs_response", "under_review"], Updates(listener).Select(d => d.Status).Order());
        if (outcome == "won")
        {
            var reinstated = StripeTestClient.ParseEvent((await listener.WaitForAsync("charge.dispute.funds_reinstated")).Body).Dispute();
            Assert.Equal([-2900L, 2900L], reinstated.BalanceTransactions.Select(t => t.Amount));
        }
        else
        {
            Assert.DoesNotContain(listener.Received, r => r.Text.Contains("charge.dispute.funds_reinstated"));
        }
    }

    private static List<Dispute> Updates(WebhookListener listener) =>
        listener.Received.Where(r => r.Text.Contains("\"type\": \"charge.dispute.updated\"")).Select(r => StripeTestClient.ParseEvent(r.Body).Dispute()).ToList();

    private static (string?, string?) ErrorOf(JsonElement result, string name)
    {
        var error = result.GetProperty(name).GetProperty("error");
        return (error.GetProperty("code").GetString(), error.GetProperty("param").GetString());
    }
}
