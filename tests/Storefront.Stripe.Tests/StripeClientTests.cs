using System.Net;
using Storefront.Payments.Stripe;
using Storefront.Payments.Stripe.Models;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>Our client against the emulator and against a scripted server that fails on purpose.</summary>
public sealed class StripeClientTests
{
    private const string SessionJson = """{"id":"cs_test_scripted","object":"checkout.session","status":"open","payment_status":"unpaid","metadata":{}}""";
    private const string ServerError = """{"error":{"type":"api_error","message":"An unknown error occurred"}}""";
    private const string RateLimited = """{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests"}}""";

    [Fact]
    public void NestedParametersAreFormEncodedWithBracketsIndexesAndEscapes()
    {
        var encoded = StripeFormEncoder.Encode(TestEmulator.Book("order 7&8") with { PaymentMethodTypes = ["card", "us_bank_account"] } is var book
            ? book.ToParameters() : []);

        Assert.Equal(
            "mode=payment&success_url=https%3A%2F%2Fshop.example%2Fcheckout%2Fsuccess%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D" +
            "&cancel_url=https%3A%2F%2Fshop.example%2Fcheckout%2Fcancel&client_reference_id=order%207%268" +
            "&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=2900" +
            "&line_items[0][price_data][product_data][name]=CAN%20Bus%20Field%20Guide" +
            "&line_items[0][price_data][product_data][description]=PDF%2C%20212%20pages&line_items[0][quantity]=1" +
            "&metadata[order_id]=order%207%268&payment_method_types[0]=card&payment_method_types[1]=us_bank_account",
            encoded);
    }

    [Fact]
    public async Task EveryNestedFieldOfACreatedSessionRoundTripsThroughTheEmulator()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var create = TestEmulator.Book("order_ü/1", "zoë@example.com") with
        {
            LineItems = [new("Guide — 2nd edition", 2900, "usd", 2), new("Errata", 0, "usd")],
            Metadata = new Dictionary<string, string> { ["order_id"] = "order_ü/1", ["note"] = "a=b&c[0]" },
            PaymentIntentMetadata = new Dictionary<string, string> { ["order_id"] = "order_ü/1" },
        };

        var created = await client.CreateCheckoutSessionAsync(create, "order_u1-checkout");
        var read = await client.GetCheckoutSessionAsync(created.Id);

        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateCheckoutSessionAsync(create, "order_ü/1-checkout"));
        Assert.Equal(5800, read.AmountTotal);
        Assert.Equal("order_ü/1", read.ClientReferenceId);
        Assert.Equal("zoë@example.com", read.CustomerEmail);
        Assert.Equal(create.Metadata, read.Metadata);
        Assert.Equal(create.SuccessUrl, read.SuccessUrl);
        Assert.Equal(("open", "unpaid", "payment"), (read.Status, read.PaymentStatus, read.Mode));
        Assert.Equal(created.Url, read.Url);
        Assert.InRange(read.ExpiresAt - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 23 * 3600, 24 * 3600);
        using var browser = TestEmulator.Browser();
        var page = await (await browser.GetAsync(read.Url)).Content.ReadAsStringAsync();
        Assert.Contains("Guide — 2nd edition", page);
        Assert.Contains("58.00 USD", page);
    }

    [Fact]
    public async Task TheSameIdempotencyKeyGivesTheSameSessionAndAnotherKeyANewOne()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);

        var first = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_0001-checkout");
        var retried = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_0001-checkout");
        var other = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_0002-checkout");
        var otherAccount = await TestEmulator.Client(emulator.BaseUrl, "sk_test_other_account_0002").CreateCheckoutSessionAsync(TestEmulator.Book(), "order_0001-checkout");
        var mismatch = await Assert.ThrowsAsync<StripeException>(() =>
            client.CreateCheckoutSessionAsync(TestEmulator.Book("order_9999"), "order_0001-checkout"));

        Assert.Equal(first.Id, retried.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.NotEqual(first.Id, otherAccount.Id);
        Assert.True(mismatch.IsIdempotencyError);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.StartsWith("req_", mismatch.RequestId);
    }

    [Fact]
    public async Task RequestsCarryTheBearerKeyPinnedVersionAndAnIdempotencyKeyOnEveryPost()
    {
        await using var server = await ScriptedStripeServer.StartAsync((200, SessionJson));
        var client = TestEmulator.Client(server.BaseUrl);

        await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_0001-checkout");
        await client.ExpireCheckoutSessionAsync("cs_test_scripted");
        await client.GetCheckoutSessionAsync("cs_test_scripted");

        var (create, expire, get) = (server.Requests[0], server.Requests[1], server.Requests[2]);
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + TestEmulator.ApiKey, r.Headers["Authorization"]));
        Assert.All(server.Requests, r => Assert.Equal(StripeOptions.PinnedApiVersion, r.Headers["Stripe-Version"]));
        Assert.Equal(("POST", "/v1/checkout/sessions", "order_0001-checkout"), (create.Method, create.Path, create.Headers["Idempotency-Key"]));
        Assert.StartsWith("application/x-www-form-urlencoded", create.Headers["Content-Type"]);
        Assert.Contains("metadata[order_id]=order_0001", create.Body);
        Assert.Equal("/v1/checkout/sessions/cs_test_scripted/expire", expire.Path);
        Assert.True(Guid.TryParse(expire.Headers["Idempotency-Key"], out _), "a generated key when the caller has none");
        Assert.Equal(("GET", false), (get.Method, get.Headers.ContainsKey("Idempotency-Key")));
    }

    [Fact]
    public async Task ServerErrorsAndRateLimitsAreRetriedWithTheSameIdempotencyKey()
    {
        await using var server = await ScriptedStripeServer.StartAsync((500, ServerError), (429, RateLimited), (200, SessionJson));

        var session = await TestEmulator.Client(server.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_retry-checkout");

        Assert.Equal("cs_test_scripted", session.Id);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("order_retry-checkout", r.Headers["Idempotency-Key"]));
        Assert.Single(server.Requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task DroppedConnectionsAreRetriedWithTheSameIdempotencyKey()
    {
        await using var server = await ScriptedStripeServer.StartAsync((ScriptedStripeServer.Drop, ""), (ScriptedStripeServer.Drop, ""), (200, SessionJson));

        var session = await TestEmulator.Client(server.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_drop-checkout");

        Assert.Equal("cs_test_scripted", session.Id);
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("order_drop-checkout", r.Headers["Idempotency-Key"]));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(404)]
    [InlineData(409)]
    public async Task ClientErrorsAreNotRetriedAndArriveTyped(int status)
    {
        const string declined = """{"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline","message":"Your card was declined.","param":"payment_method"}}""";
        await using var server = await ScriptedStripeServer.StartAsync((status, declined), (200, SessionJson));

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            TestEmulator.Client(server.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_4xx-checkout"));

        Assert.Single(server.Requests);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(("card_error", "card_declined", "generic_decline", "payment_method"), (error.Type, error.Code, error.DeclineCode, error.Param));
        Assert.Equal("Your card was declined.", error.Message);
        Assert.Equal("req_scripted0", error.RequestId);
    }

    [Fact]
    public async Task RetriesStopAfterTheConfiguredNumberAndReportTheLastAnswer()
    {
        await using var server = await ScriptedStripeServer.StartAsync((503, ServerError));

        var error = await Assert.ThrowsAsync<StripeException>(() =>
            TestEmulator.Client(server.BaseUrl, retries: 3).GetCheckoutSessionAsync("cs_test_scripted"));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "api_error"), (error.StatusCode, error.Type));
    }

    [Fact]
    public async Task AnUnreachableApiEndsInAConnectionErrorAfterTheRetries()
    {
        var closedPort = new Uri($"http://127.0.0.1:{FreePort()}");

        var error = await Assert.ThrowsAsync<StripeException>(() => TestEmulator.Client(closedPort).GetCheckoutSessionAsync("cs_test_x"));

        Assert.Equal(("connection_error", null), (error.Type, error.StatusCode));
        Assert.Contains("3 attempt(s)", error.Message);
    }

    [Fact]
    public async Task StripeErrorsFromTheEmulatorArriveTyped()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var missing = await Assert.ThrowsAsync<StripeException>(() => TestEmulator.Client(emulator.BaseUrl).GetCheckoutSessionAsync("cs_test_missing"));
        var wrongKey = await Assert.ThrowsAsync<StripeException>(() => TestEmulator.Client(emulator.BaseUrl, "sk_test_wrong").GetCheckoutSessionAsync("cs_test_missing"));
        var badRefund = await Assert.ThrowsAsync<StripeException>(() =>
            TestEmulator.Client(emulator.BaseUrl).CreateRefundAsync(new RefundCreateOptions("pi_missing") { Amount = 5 }, "refund-x"));

        Assert.Equal((HttpStatusCode.NotFound, "invalid_request_error", "resource_missing", "session"), (missing.StatusCode, missing.Type, missing.Code, missing.Param));
        Assert.StartsWith("req_", missing.RequestId);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_request_error"), (wrongKey.StatusCode, wrongKey.Type));
        Assert.Equal(("resource_missing", "payment_intent"), (badRefund.Code, badRefund.Param));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
