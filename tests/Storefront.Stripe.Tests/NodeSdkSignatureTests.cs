using System.Text;
using System.Text.Json;
using Storefront.Payments.Stripe;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>Signatures cross-checked with the official SDK: ours accepts its headers, it accepts the emulator's deliveries.</summary>
public sealed class NodeSdkSignatureTests
{
    private static readonly Uri Unused = new("http://127.0.0.1:9");

    [Fact]
    public async Task HeadersMadeByTheOfficialSdkAreAcceptedByOurVerifier()
    {
        var payload = "{\n  \"id\": \"evt_sdk\",\n  \"object\": \"event\",\n  \"data\": {\"object\": {\"name\": \"Zoë 山田\"}}\n}";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var header = (await NodeSdk.RunAsync("sign", Unused, "sk_test_x", new { payload, secret = "whsec_sdk_secret", timestamp = now }))
            .GetProperty("header").GetString();

        Assert.StartsWith($"t={now},v1=", header);
        var verifier = StripeTestClient.Verifier("whsec_sdk_secret");
        Assert.Equal(StripeSignatureStatus.Valid, verifier.Verify(Encoding.UTF8.GetBytes(payload), header).Status);
        Assert.Equal(StripeSignatureStatus.NoMatchingSignature, verifier.Verify(Encoding.UTF8.GetBytes(payload + " "), header).Status);
    }

    [Fact]
    public async Task OurTestHeadersAreAcceptedByTheOfficialSdk()
    {
        var payload = Encoding.UTF8.GetBytes("{\"id\":\"evt_ours\",\"object\":\"event\",\"type\":\"charge.refunded\",\"data\":{\"object\":{\"object\":\"charge\"}}}");
        var header = StripeTestClient.Sign(payload, "whsec_ours", DateTimeOffset.UtcNow);

        var accepted = await Construct(payload, header, "whsec_ours");
        var refused = await Construct(payload, header, "whsec_not_ours");

        Assert.Equal("evt_ours", accepted.GetProperty("ok").GetProperty("id").GetString());
        Assert.Equal("StripeSignatureVerificationError", refused.GetProperty("error").GetProperty("class").GetString());
    }

    [Fact]
    public async Task TheOfficialSdkAcceptsTheEmulatorsSignedDeliveryAndRejectsItUnderAnotherSecret()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var session = await TestEmulator.Client(emulator.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_sdk-checkout");
        using var browser = TestEmulator.Browser();
        await TestEmulator.SubmitAsync(browser, session.Url!, "pay");

        var delivery = await listener.WaitForAsync("checkout.session.completed");
        var accepted = await Construct(delivery.Body, delivery.Signature!, TestEmulator.WebhookSecret);
        var refused = await Construct(delivery.Body, delivery.Signature!, "whsec_wrong");

        Assert.Equal("application/json; charset=utf-8", delivery.ContentType);
        Assert.Equal("checkout.session.completed", accepted.GetProperty("ok").GetProperty("type").GetString());
        Assert.Equal("checkout.session", accepted.GetProperty("ok").GetProperty("object").GetString());
        Assert.Equal("StripeSignatureVerificationError", refused.GetProperty("error").GetProperty("class").GetString());
    }

    private static Task<JsonElement> Construct(byte[] payload, string header, string secret) =>
        NodeSdk.RunAsync("construct", Unused, "sk_test_x", new { payloadBase64 = Convert.ToBase64String(payload), header, secret });
}
