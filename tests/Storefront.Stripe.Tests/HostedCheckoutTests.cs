using System.Net;
using System.Text.Json;
using Storefront.Payments.Stripe;
using Stripe;
using Stripe.Checkout;
using Storefront.Stripe.Tests.Infrastructure;

namespace Storefront.Stripe.Tests;

/// <summary>The buyer's side of the emulator over plain HTTP: pay, decline, bank debit, and the signed events each sends.</summary>
public sealed class HostedCheckoutTests
{
    [Fact]
    public async Task PayingRedirectsToTheSuccessUrlWithTheSessionIdOnlyAfterTheSignedEventArrived()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var client = TestEmulator.Client(emulator.BaseUrl);
        var session = await client.CreateCheckoutSessionAsync(TestEmulator.Book(email: "jenny.rosen@example.com"), "order_pay-checkout");
        using var browser = TestEmulator.Browser();

        var page = await (await browser.GetAsync(session.Url)).Content.ReadAsStringAsync();
        var response = await TestEmulator.SubmitAsync(browser, session.Url!, "pay");

        Assert.Contains("value=\"jenny.rosen@example.com\"", page);
        Assert.Contains("29.00 USD", page);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"https://shop.example/checkout/success?session_id={session.Id}", response.Headers.Location!.ToString());
        // Delivered before the redirect: already here, no waiting.
        var delivery = Assert.Single(listener.Received);
        var verifier = StripeTestClient.Verifier(TestEmulator.WebhookSecret);
        Assert.Equal(StripeSignatureStatus.Valid, verifier.Verify(delivery.Body, delivery.Signature).Status);
        var evt = StripeTestClient.ParseEvent(delivery.Body);
        Assert.Equal("checkout.session.completed", evt.Type);
        Assert.StartsWith("evt_", evt.Id);
        Assert.Equal(1, evt.PendingWebhooks);
        var paid = evt.Session();
        Assert.Equal((session.Id, "complete", "paid"), (paid.Id, paid.Status, paid.PaymentStatus));
        Assert.StartsWith("pi_", paid.PaymentIntentId);
        Assert.Equal(("jenny.rosen@example.com", "Jenny Rosen"), (paid.CustomerDetails!.Email, paid.CustomerDetails.Name));
        Assert.Equal("order_0001", paid.ClientReferenceId);
        // The event carries the same object the API answers afterwards.
        Assert.Equal(paid.ToJson(), (await client.GetCheckoutSessionAsync(session.Id)).ToJson());
    }

    [Fact]
    public async Task ADeclinedCardShowsAnErrorAndLeavesTheSessionOpenToPayLater()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var client = TestEmulator.Client(emulator.BaseUrl);
        var session = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_decline-checkout");
        using var browser = TestEmulator.Browser();

        var declined = await TestEmulator.SubmitAsync(browser, session.Url!, "decline");
        var html = await declined.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("Your card was declined", html);
        Assert.Equal(("open", "unpaid"), ((await client.GetCheckoutSessionAsync(session.Id)).Status, (await client.GetCheckoutSessionAsync(session.Id)).PaymentStatus));
        Assert.Empty(listener.Received);

        Assert.Equal(HttpStatusCode.SeeOther, (await TestEmulator.SubmitAsync(browser, session.Url!, "pay")).StatusCode);
        Assert.True((await client.GetCheckoutSessionAsync(session.Id)).IsPaid());
    }

    [Theory]
    [InlineData("succeeded", "checkout.session.async_payment_succeeded", "paid")]
    [InlineData("failed", "checkout.session.async_payment_failed", "unpaid")]
    public async Task ABankDebitCompletesUnpaidAndSettlesLaterWithItsOwnEvent(string outcome, string eventType, string finalPaymentStatus)
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var client = TestEmulator.Client(emulator.BaseUrl);
        var session = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_debit-checkout");
        using var browser = TestEmulator.Browser();

        var redirect = await TestEmulator.SubmitAsync(browser, session.Url!, "delayed", name: "Zoë Ångström-Núñez");
        var completed = StripeTestClient.ParseEvent(Assert.Single(listener.Received).Body).Session();
        var settled = await client.PostAsync<Session>($"v1/test_helpers/checkout/sessions/{session.Id}/settle",
            [new("outcome", outcome)], null);

        Assert.Equal(HttpStatusCode.SeeOther, redirect.StatusCode);
        Assert.Equal(("complete", "unpaid"), (completed.Status, completed.PaymentStatus));
        Assert.Equal("Zoë Ångström-Núñez", completed.CustomerDetails!.Name);
        Assert.Equal(finalPaymentStatus, settled.PaymentStatus);
        var later = StripeTestClient.ParseEvent(listener.Received[1].Body);
        Assert.Equal(eventType, later.Type);
        Assert.Equal(finalPaymentStatus, later.Session().PaymentStatus);
        var twice = await Assert.ThrowsAsync<StripeException>(() =>
            client.PostAsync<Session>($"v1/test_helpers/checkout/sessions/{session.Id}/settle", [new("outcome", outcome)], null));
        Assert.Equal(HttpStatusCode.BadRequest, twice.HttpStatusCode);
    }

    [Fact]
    public async Task TheBankDebitCanBeSettledFromTheHostedPage()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var session = await TestEmulator.Client(emulator.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_page-settle");
        using var browser = TestEmulator.Browser();
        await TestEmulator.SubmitAsync(browser, session.Url!, "delayed");

        var pending = await (await browser.GetAsync(session.Url)).Content.ReadAsStringAsync();
        var settle = await browser.PostAsync(new Uri(session.Url + "/settle"), new FormUrlEncodedContent([new("outcome", "succeeded")]));

        Assert.Contains("waiting for the bank", pending);
        Assert.Equal(HttpStatusCode.SeeOther, settle.StatusCode);
        Assert.Equal(new Uri(session.Url!).AbsolutePath, settle.Headers.Location!.ToString());
        Assert.Contains("Payment complete.", await (await browser.GetAsync(session.Url)).Content.ReadAsStringAsync());
        Assert.Equal("checkout.session.async_payment_succeeded", StripeTestClient.ParseEvent(listener.Received[1].Body).Type);
    }

    [Fact]
    public async Task ACompletedSessionCannotBePaidAgainAndSendsNoSecondEvent()
    {
        await using var listener = await WebhookListener.StartAsync();
        await using var emulator = await TestEmulator.StartAsync(listener.Url);
        var session = await TestEmulator.Client(emulator.BaseUrl).CreateCheckoutSessionAsync(TestEmulator.Book(), "order_twice");
        using var browser = TestEmulator.Browser();
        await TestEmulator.SubmitAsync(browser, session.Url!, "pay");

        var again = await browser.PostAsync(new Uri(session.Url!), new FormUrlEncodedContent(
            [new("email", "a@example.com"), new("name", "A"), new("action", "pay")]));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(listener.Received);
    }

    [Fact]
    public async Task PayingWithoutAnEmailAsksForOneAndCompletesNothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var session = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_noemail");
        using var browser = TestEmulator.Browser();

        var response = await TestEmulator.SubmitAsync(browser, session.Url!, "pay", email: "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Enter an email address", await response.Content.ReadAsStringAsync());
        Assert.Equal("open", (await client.GetCheckoutSessionAsync(session.Id)).Status);
    }

    [Fact]
    public async Task AnUnknownSessionPageIsNotFound()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var browser = TestEmulator.Browser();

        var response = await browser.GetAsync(new Uri(emulator.BaseUrl, "/pay/cs_test_nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Checkout not found</h1>", await response.Content.ReadAsStringAsync());
    }
}
