using System.Text.Json;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>The official Stripe Node SDK, pointed at the emulator, gets the objects and errors it would get from Stripe.</summary>
public sealed class NodeSdkApiFidelityTests
{
    [Fact]
    public async Task TheSdkCreatesRetrievesAndExpiresACheckoutSessionInStripesShape()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var result = await NodeSdk.RunAsync("sessions", emulator.BaseUrl, TestEmulator.ApiKey);

        var created = result.GetProperty("created");
        Assert.StartsWith("cs_test_", created.GetProperty("id").GetString());
        Assert.Equal("checkout.session", created.GetProperty("object").GetString());
        Assert.Equal("open", created.GetProperty("status").GetString());
        Assert.Equal("unpaid", created.GetProperty("payment_status").GetString());
        Assert.Equal(3900, created.GetProperty("amount_total").GetInt64());
        Assert.Equal("usd", created.GetProperty("currency").GetString());
        Assert.Equal("order_node_1", created.GetProperty("metadata").GetProperty("order_id").GetString());
        Assert.Equal("order_node_1", created.GetProperty("client_reference_id").GetString());
        Assert.Equal("zoe@example.com", created.GetProperty("customer_email").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("payment_intent").ValueKind);
        Assert.StartsWith(emulator.BaseUrl + "pay/cs_test_", created.GetProperty("url").GetString());
        Assert.StartsWith("req_", result.GetProperty("createdHeaders").GetProperty("requestId").GetString());
        // The SDK sends its pinned version and the emulator answers in it; our client pins the same one.
        Assert.Equal(result.GetProperty("apiVersion").GetString(), result.GetProperty("createdHeaders").GetProperty("stripeVersion").GetString());
        Assert.Equal(Payments.Stripe.StripeOptions.PinnedApiVersion, result.GetProperty("apiVersion").GetString());

        Assert.Equal(created.GetProperty("id").GetString(), result.GetProperty("retrieved").GetProperty("id").GetString());
        var expired = result.GetProperty("expired");
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, expired.GetProperty("url").ValueKind);

        var again = result.GetProperty("expireAgain").GetProperty("error");
        Assert.Equal("StripeInvalidRequestError", again.GetProperty("class").GetString());
        Assert.Equal(400, again.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task AnIdempotentRetryFromTheSdkGetsTheOriginalSessionBackMarkedAsReplayed()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var result = await NodeSdk.RunAsync("replay", emulator.BaseUrl, TestEmulator.ApiKey);

        Assert.Equal(result.GetProperty("first").GetProperty("id").GetString(), result.GetProperty("second").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("firstHeaders").GetProperty("replayed").ValueKind);
        Assert.Equal("true", result.GetProperty("secondHeaders").GetProperty("replayed").GetString());
        Assert.Equal(result.GetProperty("first").GetRawText(), result.GetProperty("second").GetRawText());
    }

    [Fact]
    public async Task ReusingAnIdempotencyKeyWithOtherParametersRaisesTheSdksIdempotencyError()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var error = (await NodeSdk.RunAsync("mismatch", emulator.BaseUrl, TestEmulator.ApiKey)).GetProperty("error");

        Assert.Equal("StripeIdempotencyError", error.GetProperty("class").GetString());
        Assert.Equal("idempotency_error", error.GetProperty("rawType").GetString());
        Assert.Equal(400, error.GetProperty("statusCode").GetInt32());
        Assert.Contains("order_node_2-checkout", error.GetProperty("message").GetString());
        Assert.StartsWith("req_", error.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task AMissingParameterRaisesAnInvalidRequestErrorNamingTheParameter()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var error = (await NodeSdk.RunAsync("missing", emulator.BaseUrl, TestEmulator.ApiKey)).GetProperty("error");

        Assert.Equal("StripeInvalidRequestError", error.GetProperty("class").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("rawType").GetString());
        Assert.Equal("parameter_missing", error.GetProperty("code").GetString());
        Assert.Equal("line_items", error.GetProperty("param").GetString());
        Assert.Equal(400, error.GetProperty("statusCode").GetInt32());
        Assert.Equal("https://stripe.com/docs/error-codes/parameter-missing", error.GetProperty("docUrl").GetString());
    }

    [Fact]
    public async Task AnUnknownParameterIsRefusedAsStripeRefusesIt()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var error = (await NodeSdk.RunAsync("unknown", emulator.BaseUrl, TestEmulator.ApiKey)).GetProperty("error");

        Assert.Equal("StripeInvalidRequestError", error.GetProperty("class").GetString());
        Assert.Equal("parameter_unknown", error.GetProperty("code").GetString());
        Assert.Equal("not_a_stripe_param", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task AWrongApiKeyRaisesTheSdksAuthenticationError()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var error = (await NodeSdk.RunAsync("missing", emulator.BaseUrl, "sk_test_not_a_key_we_know_1234")).GetProperty("error");

        Assert.Equal("StripeAuthenticationError", error.GetProperty("class").GetString());
        Assert.Equal(401, error.GetProperty("statusCode").GetInt32());
        Assert.Contains("Invalid API Key provided", error.GetProperty("message").GetString());
        Assert.DoesNotContain("not_a_key_we_know", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task AnUnknownSessionRaisesResourceMissing()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var error = (await NodeSdk.RunAsync("retrieve", emulator.BaseUrl, TestEmulator.ApiKey, new { id = "cs_test_does_not_exist" })).GetProperty("error");

        Assert.Equal("StripeInvalidRequestError", error.GetProperty("class").GetString());
        Assert.Equal(404, error.GetProperty("statusCode").GetInt32());
        Assert.Equal("resource_missing", error.GetProperty("code").GetString());
        Assert.Contains("cs_test_does_not_exist", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task TheSdkRefundsAPaidSessionInPartsAndIsRefusedOnceNothingIsLeft()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var session = await TestEmulator.Client(emulator.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_0001-checkout");
        using var browser = TestEmulator.Browser();
        await TestEmulator.SubmitAsync(browser, session.Url!, "pay");
        var paid = await TestEmulator.Client(emulator.BaseUrl).GetCheckoutSessionAsync(session.Id);

        var result = await NodeSdk.RunAsync("refunds", emulator.BaseUrl, TestEmulator.ApiKey, new { paymentIntent = paid.PaymentIntentId });

        var partial = result.GetProperty("partial");
        Assert.StartsWith("re_", partial.GetProperty("id").GetString());
        Assert.Equal("refund", partial.GetProperty("object").GetString());
        Assert.Equal(1000, partial.GetProperty("amount").GetInt64());
        Assert.Equal("succeeded", partial.GetProperty("status").GetString());
        Assert.Equal(paid.PaymentIntentId, partial.GetProperty("payment_intent").GetString());
        Assert.StartsWith("ch_", partial.GetProperty("charge").GetString());
        Assert.Equal(1900, result.GetProperty("rest").GetProperty("amount").GetInt64());
        var again = result.GetProperty("again").GetProperty("error");
        Assert.Equal("StripeInvalidRequestError", again.GetProperty("class").GetString());
        Assert.Equal("charge_already_refunded", again.GetProperty("code").GetString());
        Assert.Equal("resource_missing", result.GetProperty("unknownIntent").GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task TheSdkReplaysAnIdempotentRefundReadsItBackAndSeesItsEventsAndRefusals()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var session = await TestEmulator.Client(emulator.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_0002-checkout");
        using var browser = TestEmulator.Browser();
        await TestEmulator.SubmitAsync(browser, session.Url!, "pay");
        var paid = await TestEmulator.Client(emulator.BaseUrl).GetCheckoutSessionAsync(session.Id);

        var result = await NodeSdk.RunAsync("refundDetails", emulator.BaseUrl, TestEmulator.ApiKey, new { paymentIntent = paid.PaymentIntentId });

        var first = result.GetProperty("first");
        var id = first.GetProperty("id").GetString();
        Assert.Equal(("true", id), (result.GetProperty("replayed").GetString(), result.GetProperty("replayId").GetString()));
        Assert.Equal("ada@example.com", first.GetProperty("metadata").GetProperty("storefront_refunded_by").GetString());
        var mismatch = result.GetProperty("mismatch").GetProperty("error");
        Assert.Equal(("StripeIdempotencyError", "idempotency_error"), (mismatch.GetProperty("class").GetString(), mismatch.GetProperty("rawType").GetString()));
        var tooLarge = result.GetProperty("tooLarge").GetProperty("error");
        Assert.Equal(("StripeInvalidRequestError", "amount_too_large", "amount", 400),
            (tooLarge.GetProperty("class").GetString(), tooLarge.GetProperty("code").GetString(), tooLarge.GetProperty("param").GetString(), tooLarge.GetProperty("statusCode").GetInt32()));
        Assert.Equal("parameter_invalid_integer", result.GetProperty("badAmount").GetProperty("error").GetProperty("code").GetString());
        var retrieved = result.GetProperty("retrieved");
        Assert.Equal((id, "refund", 700L, "succeeded"), (retrieved.GetProperty("id").GetString(), retrieved.GetProperty("object").GetString(),
            retrieved.GetProperty("amount").GetInt64(), retrieved.GetProperty("status").GetString()));
        Assert.Equal(("resource_missing", 404), (result.GetProperty("missing").GetProperty("error").GetProperty("code").GetString(),
            result.GetProperty("missing").GetProperty("error").GetProperty("statusCode").GetInt32()));
        Assert.Equal(id, Assert.Single(result.GetProperty("created").EnumerateArray()).GetProperty("id").GetString());
        var charge = Assert.Single(result.GetProperty("charges").EnumerateArray());
        Assert.Equal(("charge", 700L, false, paid.PaymentIntentId), (charge.GetProperty("object").GetString(), charge.GetProperty("amount_refunded").GetInt64(),
            charge.GetProperty("refunded").GetBoolean(), charge.GetProperty("payment_intent").GetString()));
    }

    [Fact]
    public async Task TheSdkPagesThroughSessionListsAndReadsLineItemsListedAndExpanded()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var result = await NodeSdk.RunAsync("lists", emulator.BaseUrl, TestEmulator.ApiKey);

        var ids = result.GetProperty("ids").EnumerateArray().Select(i => i.GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), result.GetProperty("walked").EnumerateArray().Select(i => i.GetString()));
        var first = result.GetProperty("first");
        Assert.Equal(("list", "/v1/checkout/sessions", true, 2), (first.GetProperty("object").GetString(), first.GetProperty("url").GetString(),
            first.GetProperty("has_more").GetBoolean(), first.GetProperty("data").GetArrayLength()));
        Assert.Equal(5, result.GetProperty("since").GetProperty("data").GetArrayLength());
        var lineItems = result.GetProperty("lineItems");
        var item = Assert.Single(lineItems.GetProperty("data").EnumerateArray());
        Assert.Equal(("item", "CAN Bus Field Guide", 2900L), (item.GetProperty("object").GetString(), item.GetProperty("description").GetString(),
            item.GetProperty("price").GetProperty("unit_amount").GetInt64()));
        Assert.True(lineItems.GetProperty("has_more").GetBoolean());
        var expanded = result.GetProperty("expanded").GetProperty("line_items");
        Assert.Equal(["CAN Bus Field Guide", "Errata sheet"], expanded.GetProperty("data").EnumerateArray().Select(l => l.GetProperty("description").GetString()));
        Assert.Equal(1000, expanded.GetProperty("data")[1].GetProperty("amount_total").GetInt64());
        var refused = result.GetProperty("badExpand").GetProperty("error");
        Assert.Equal(("StripeInvalidRequestError", "expand", 400), (refused.GetProperty("class").GetString(), refused.GetProperty("param").GetString(),
            refused.GetProperty("statusCode").GetInt32()));
    }
}
