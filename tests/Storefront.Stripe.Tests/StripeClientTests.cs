using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Payments.Stripe;
using Storefront.Stripe.Tests.Infrastructure;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Stripe.Tests;

/// <summary>Stripe.net as the shop configures it, against the emulator and against a scripted server that fails on purpose.</summary>
public sealed class StripeClientTests
{
    private const string SessionJson = """{"id":"cs_test_scripted","object":"checkout.session","status":"open","payment_status":"unpaid","metadata":{}}""";
    private const string ServerError = """{"error":{"type":"api_error","message":"An unknown error occurred"}}""";

    [Fact]
    public async Task EveryNestedFieldOfACreatedSessionRoundTripsThroughTheEmulator()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var create = TestEmulator.Book("order_ü/1", "zoë@example.com");
        create.LineItems = [TestEmulator.Line("Guide — 2nd edition", 2900, 2), TestEmulator.Line("Errata", 0)];
        create.Metadata = new Dictionary<string, string> { ["order_id"] = "order_ü/1", ["note"] = "a=b&c[0]" };
        create.PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new Dictionary<string, string> { ["order_id"] = "order_ü/1" } };

        var created = await client.CreateCheckoutSessionAsync(create, "order_u1-checkout");
        var read = await client.GetCheckoutSessionAsync(created.Id);

        Assert.Equal(5800, read.AmountTotal);
        Assert.Equal("order_ü/1", read.ClientReferenceId);
        Assert.Equal("zoë@example.com", read.CustomerEmail);
        Assert.Equal(create.Metadata, read.Metadata);
        Assert.Equal(create.SuccessUrl, read.SuccessUrl);
        Assert.Equal(("open", "unpaid", "payment"), (read.Status, read.PaymentStatus, read.Mode));
        Assert.Equal(created.Url, read.Url);
        Assert.InRange((read.ExpiresAt - DateTime.UtcNow).TotalHours, 23, 24);
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
        Assert.Equal("true", retried.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.NotEqual(first.Id, other.Id);
        Assert.NotEqual(first.Id, otherAccount.Id);
        Assert.Equal("idempotency_error", mismatch.StripeError.Type);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.HttpStatusCode);
        Assert.StartsWith("req_", mismatch.StripeResponse.RequestId);
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
        Assert.All(server.Requests, r => Assert.False(r.Headers.ContainsKey("X-Stripe-Client-Telemetry")));
        Assert.Equal(("POST", "/v1/checkout/sessions", "order_0001-checkout"), (create.Method, create.Path, create.Headers["Idempotency-Key"]));
        Assert.StartsWith("application/x-www-form-urlencoded", create.Headers["Content-Type"]);
        Assert.Contains("metadata[order_id]=order_0001", Uri.UnescapeDataString(create.Body));
        Assert.Equal("/v1/checkout/sessions/cs_test_scripted/expire", expire.Path);
        Assert.False(string.IsNullOrWhiteSpace(expire.Headers["Idempotency-Key"]), "a generated key when the caller has none");
        Assert.Equal(("GET", false), (get.Method, get.Headers.ContainsKey("Idempotency-Key")));
    }

    [Fact]
    public async Task AKeyChangedWhileTheShopRunsIsUsedByTheNextCallAndAnUnchangedOneKeepsItsClient()
    {
        await using var server = await ScriptedStripeServer.StartAsync((200, SessionJson));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stripe:SecretKey"] = "sk_test_before_0001",
            ["Stripe:WebhookSecret"] = TestEmulator.WebhookSecret,
            ["Stripe:ApiBase"] = server.BaseUrl.ToString(),
        }).Build();
        using var provider = new ServiceCollection().AddStripeClient(configuration).BuildServiceProvider();
        var clients = provider.GetRequiredService<StripeClients>();

        var before = clients.Current;
        var unchanged = clients.Current;
        await provider.GetRequiredService<SessionService>().GetAsync("cs_test_scripted");
        configuration["Stripe:SecretKey"] = "sk_test_after_0002";
        configuration.Reload();
        await provider.GetRequiredService<SessionService>().GetAsync("cs_test_scripted");

        Assert.Same(before, unchanged);
        Assert.NotSame(before, clients.Current);
        Assert.Equal(["Bearer sk_test_before_0001", "Bearer sk_test_after_0002"], server.Requests.Select(r => r.Headers["Authorization"]));
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithTheSameIdempotencyKey()
    {
        await using var server = await ScriptedStripeServer.StartAsync((500, ServerError), (503, ServerError), (200, SessionJson));

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
    public async Task ClientErrorsAreNotRetriedAndArriveTyped(int status)
    {
        const string declined = """{"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline","message":"Your card was declined.","param":"payment_method"}}""";
        await using var server = await ScriptedStripeServer.StartAsync((status, declined), (200, SessionJson));

        var error = await Assert.ThrowsAnyAsync<StripeException>(() =>
            TestEmulator.Client(server.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_4xx-checkout"));

        Assert.Single(server.Requests);
        Assert.Equal((HttpStatusCode)status, error.HttpStatusCode);
        var detail = error.StripeError;
        Assert.Equal(("card_error", "card_declined", "generic_decline", "payment_method"), (detail.Type, detail.Code, detail.DeclineCode, detail.Param));
        Assert.Equal("Your card was declined.", error.Message);
        Assert.Equal("req_scripted0", error.StripeResponse.RequestId);
    }

    [Fact]
    public async Task RetriesStopAfterTheConfiguredNumberAndReportTheLastAnswer()
    {
        await using var server = await ScriptedStripeServer.StartAsync((503, ServerError));

        var error = await Assert.ThrowsAnyAsync<StripeException>(() =>
            TestEmulator.Client(server.BaseUrl, retries: 3).GetCheckoutSessionAsync("cs_test_scripted"));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "api_error"), (error.HttpStatusCode, error.StripeError.Type));
    }

    [Fact]
    public async Task OneDeadlineBoundsACallWithAllItsRetriesAndBackOff()
    {
        await using var server = await ScriptedStripeServer.StartAsync((503, ServerError));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<StripeException>(() =>
            TestEmulator.Client(server.BaseUrl, retries: 10, deadline: TimeSpan.FromSeconds(1.5)).GetCheckoutSessionAsync("cs_test_scripted"));

        // Ten retries with Stripe.net's back-off take well over ten seconds; the deadline ends the call after 1.5.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(5));
        Assert.InRange(server.Requests.Count, 1, 10);
        Assert.Equal("Stripe did not answer within 1.5 s.", error.Message);
    }

    [Fact]
    public async Task AnUnreachableApiEndsInANetworkErrorAfterTheRetries()
    {
        var closedPort = new Uri($"http://127.0.0.1:{FreePort()}");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => TestEmulator.Client(closedPort, retries: 1).GetCheckoutSessionAsync("cs_test_x"));
    }

    [Fact]
    public async Task StripeErrorsFromTheEmulatorArriveTyped()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var missing = await Assert.ThrowsAnyAsync<StripeException>(() => TestEmulator.Client(emulator.BaseUrl).GetCheckoutSessionAsync("cs_test_missing"));
        var wrongKey = await Assert.ThrowsAnyAsync<StripeException>(() => TestEmulator.Client(emulator.BaseUrl, "sk_test_wrong").GetCheckoutSessionAsync("cs_test_missing"));
        var badRefund = await Assert.ThrowsAnyAsync<StripeException>(() =>
            TestEmulator.Client(emulator.BaseUrl).CreateRefundAsync(new RefundCreateOptions { PaymentIntent = "pi_missing", Amount = 5 }, "refund-x"));

        Assert.Equal((HttpStatusCode.NotFound, "invalid_request_error", "resource_missing", "session"),
            (missing.HttpStatusCode, missing.StripeError.Type, missing.StripeError.Code, missing.StripeError.Param));
        Assert.StartsWith("req_", missing.StripeResponse.RequestId);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_request_error"), (wrongKey.HttpStatusCode, wrongKey.StripeError.Type));
        Assert.Equal(("resource_missing", "payment_intent"), (badRefund.StripeError.Code, badRefund.StripeError.Param));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
