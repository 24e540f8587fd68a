using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Payments.Stripe;
using Storefront.StripeEmulator;
using Storefront.Stripe.Tests.Infrastructure;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Stripe.Tests;

/// <summary>The emulator mounted inside a host as the offline demo does, its refusal outside Development, and the client's registration.</summary>
public sealed class EmulatorHostingTests
{
    [Fact]
    public async Task MountedUnderAPrefixTheRegisteredClientAndTheHostedPageWorkBelowIt()
    {
        await using var listener = await WebhookListener.StartAsync();
        var port = FreePort();
        var origin = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls(origin);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stripe:SecretKey"] = TestEmulator.ApiKey,
            ["Stripe:WebhookSecret"] = TestEmulator.WebhookSecret,
            ["Stripe:ApiBase"] = origin + "/stripe-emulator",
        });
        builder.Services.AddStripeClient(builder.Configuration);
        builder.Services.AddStripeEmulator(new StripeEmulatorOptions
        {
            ApiKeys = [TestEmulator.ApiKey],
            WebhookSecret = TestEmulator.WebhookSecret,
            WebhookUrl = listener.Url.ToString(),
        });
        await using var app = builder.Build();
        app.MapStripeEmulator("/stripe-emulator");
        await app.StartAsync();

        var sessions = app.Services.GetRequiredService<SessionService>();
        var session = await sessions.CreateAsync(TestEmulator.Book(), new RequestOptions { IdempotencyKey = "order_mounted-checkout" });
        using var browser = TestEmulator.Browser();
        var page = await (await browser.GetAsync(session.Url)).Content.ReadAsStringAsync();
        var css = await browser.GetAsync(new Uri(new Uri(session.Url!), "../assets/checkout.css"));
        var paid = await TestEmulator.SubmitAsync(browser, session.Url!, "pay");
        var atRoot = await browser.GetAsync($"{origin}/v1/checkout/sessions/{session.Id}");

        Assert.StartsWith($"{origin}/stripe-emulator/pay/cs_test_", session.Url);
        Assert.Contains("<h1>", page);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.True((await sessions.GetAsync(session.Id)).IsPaid());
        var verifier = app.Services.GetRequiredService<StripeWebhookVerifier>();
        Assert.True(verifier.Verify(Assert.Single(listener.Received).Body, listener.Received[0].Signature).IsValid);
        Assert.Equal(HttpStatusCode.NotFound, atRoot.StatusCode);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void MappingTheEmulatorOutsideDevelopmentFailsWithAClearMessage(string environment)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Services.AddStripeEmulator(new StripeEmulatorOptions());
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapStripeEmulator("/stripe-emulator"));

        Assert.Contains($"must not be mapped in {environment}", error.Message);
    }

    [Fact]
    public void AMissingSecretKeyOrWebhookSecretFailsOptionsValidationNamingTheEnvironmentVariable()
    {
        var services = new ServiceCollection();
        services.AddStripeClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stripe:ApiBase"] = "not a url",
        }).Build());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StripeOptions>>().Value);

        Assert.Contains("Stripe__SecretKey", error.Message);
        Assert.Contains("Stripe__WebhookSecret", error.Message);
        Assert.Contains("Stripe__ApiBase", error.Message);
    }

    [Fact]
    public void TheRegisteredVerifierAcceptsThePreviousSecretDuringARotation()
    {
        var services = new ServiceCollection();
        services.AddStripeClient(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stripe:SecretKey"] = "sk_test_x",
            ["Stripe:WebhookSecret"] = "whsec_new",
            ["Stripe:PreviousWebhookSecret"] = "whsec_old",
        }).Build());
        using var provider = services.BuildServiceProvider();
        var body = "{\"id\":\"evt_rotate\"}"u8.ToArray();

        var verifier = provider.GetRequiredService<StripeWebhookVerifier>();

        Assert.True(verifier.Verify(body, StripeTestClient.Sign(body, "whsec_old", DateTimeOffset.UtcNow)).IsValid);
        Assert.Equal("https://api.stripe.com", provider.GetRequiredService<IOptions<StripeOptions>>().Value.ApiBase);
    }

    [Fact]
    public async Task RawRequestsGetStripesAuthenticationAndUnknownUrlErrorsAndBasicAuthIsAccepted()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };

        var noKey = await http.GetAsync("/v1/checkout/sessions/cs_test_x");
        using var unknownRequest = new HttpRequestMessage(HttpMethod.Get, "/v1/charges_but_not_really");
        unknownRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(TestEmulator.ApiKey + ":")));
        var unknown = await http.SendAsync(unknownRequest);

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.StartsWith("req_", noKey.Headers.GetValues("Request-Id").Single());
        var error = JsonDocument.Parse(await noKey.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.StartsWith("You did not provide an API key.", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Unrecognized request URL (GET: /v1/charges_but_not_really)", await unknown.Content.ReadAsStringAsync());
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
