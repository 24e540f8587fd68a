using System.Net;
using Storefront.Stripe.Tests.Infrastructure;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Stripe.Tests;

/// <summary>Stripe.net against the emulator on what the SDK sends beyond the shop's own calls: lists and their paging, line items, expand.</summary>
public sealed class StripeNetFidelityTests
{
    [Fact]
    public async Task AutoPagingThroughSeveralPagesVisitsEverySessionOnceNewestFirst()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await client.CreateCheckoutSessionAsync(TestEmulator.Book($"order_{i}"), $"order_{i}-checkout")).Id);
        }

        var sessions = new SessionService(client);
        var walked = new List<string>();
        await foreach (var session in sessions.ListAutoPagingAsync(new SessionListOptions { Limit = 3 }))
        {
            walked.Add(session.Id);
        }

        var first = await sessions.ListAsync(new SessionListOptions { Limit = 3 });
        var second = await sessions.ListAsync(new SessionListOptions { Limit = 3, StartingAfter = first.Data[^1].Id });
        var last = await sessions.ListAsync(new SessionListOptions { Limit = 3, StartingAfter = second.Data[^1].Id });
        var back = await sessions.ListAsync(new SessionListOptions { Limit = 3, EndingBefore = second.Data[0].Id });

        Assert.Equal(Enumerable.Reverse(created), walked);
        Assert.Equal((3, true, "/v1/checkout/sessions"), (first.Data.Count, first.HasMore, first.Url));
        Assert.Equal((1, false), (last.Data.Count, last.HasMore));
        Assert.Equal(first.Data.Select(s => s.Id), back.Data.Select(s => s.Id));
        Assert.False(back.HasMore);
    }

    [Fact]
    public async Task ListsFilterByCreationTimeAndStatusAndRefuseUnknownParameters()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var open = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_open-checkout");
        var expired = await client.CreateCheckoutSessionAsync(TestEmulator.Book("order_2"), "order_2-checkout");
        await client.ExpireCheckoutSessionAsync(expired.Id);
        var sessions = new SessionService(client);
        var now = DateTime.UtcNow;

        var recent = await sessions.ListAsync(new SessionListOptions { Created = new DateRangeOptions { GreaterThanOrEqual = now.AddMinutes(-5) } });
        var future = await sessions.ListAsync(new SessionListOptions { Created = new DateRangeOptions { GreaterThan = now.AddMinutes(5) } });
        var stillOpen = await sessions.ListAsync(new SessionListOptions { Status = "open" });
        var unknown = await Assert.ThrowsAnyAsync<StripeException>(() => client.GetJsonAsync("v1/checkout/sessions?colour=blue"));
        var unknownOnOne = await Assert.ThrowsAnyAsync<StripeException>(() => client.GetJsonAsync($"v1/checkout/sessions/{open.Id}?colour=blue"));

        Assert.Equal(2, recent.Data.Count);
        Assert.Empty(future.Data);
        Assert.Equal(open.Id, Assert.Single(stillOpen.Data).Id);
        Assert.Equal((HttpStatusCode.BadRequest, "parameter_unknown", "colour"), (unknown.HttpStatusCode, unknown.StripeError.Code, unknown.StripeError.Param));
        Assert.Equal(("parameter_unknown", "colour"), (unknownOnOne.StripeError.Code, unknownOnOne.StripeError.Param));
    }

    [Fact]
    public async Task LineItemsAreListedInPagesAndExpandedOnTheSession()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var book = TestEmulator.Book();
        book.LineItems = [TestEmulator.Line("Guide", 2900, 2), TestEmulator.Line("Errata", 500)];
        book.Expand = ["line_items"];
        var created = await client.CreateCheckoutSessionAsync(book, "order_lines-checkout");
        var lineItems = new SessionLineItemService(client);

        var page = await lineItems.ListAsync(created.Id, new SessionLineItemListOptions { Limit = 1 });
        var rest = await lineItems.ListAsync(created.Id, new SessionLineItemListOptions { StartingAfter = page.Data[0].Id });
        var expanded = await client.GetCheckoutSessionAsync(created.Id, new SessionGetOptions { Expand = ["line_items"] });
        var plain = await client.GetCheckoutSessionAsync(created.Id);
        var missing = await Assert.ThrowsAnyAsync<StripeException>(() => lineItems.ListAsync("cs_test_missing"));

        var guide = Assert.Single(page.Data);
        Assert.True(page.HasMore);
        Assert.Equal(("Guide", 5800L, 2L, 2900L, "usd"), (guide.Description, guide.AmountTotal, guide.Quantity!.Value, guide.Price.UnitAmount!.Value, guide.Currency));
        Assert.StartsWith("li_", guide.Id);
        Assert.Equal(("Errata", false), (Assert.Single(rest.Data).Description, rest.HasMore));
        Assert.Equal(["Guide", "Errata"], created.LineItems.Data.Select(l => l.Description));
        Assert.Equal(page.Data[0].Id, expanded.LineItems.Data[0].Id);
        Assert.Null(plain.LineItems);
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (missing.HttpStatusCode, missing.StripeError.Code));
    }

    [Fact]
    public async Task ThePaymentIntentOfAPaidSessionExpandsAndAnUnknownExpansionIsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var created = await client.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_expand-checkout");
        using var browser = TestEmulator.Browser();
        await TestEmulator.SubmitAsync(browser, created.Url, "pay");

        var paid = await client.GetCheckoutSessionAsync(created.Id, new SessionGetOptions { Expand = ["payment_intent"] });
        var listed = await new SessionService(client).ListAsync(new SessionListOptions { Expand = ["data.payment_intent"] });
        var refused = await Assert.ThrowsAnyAsync<StripeException>(() =>
            client.GetCheckoutSessionAsync(created.Id, new SessionGetOptions { Expand = ["customer_details"] }));

        Assert.Equal(("succeeded", 2900L, "order_0001"), (paid.PaymentIntent.Status, paid.PaymentIntent.AmountReceived, paid.ClientReferenceId));
        Assert.Equal(paid.PaymentIntentId, paid.PaymentIntent.Id);
        Assert.StartsWith("ch_", paid.PaymentIntent.LatestChargeId);
        Assert.Equal(paid.PaymentIntentId, Assert.Single(listed.Data).PaymentIntent.Id);
        Assert.Equal((HttpStatusCode.BadRequest, "expand"), (refused.HttpStatusCode, refused.StripeError.Param));
        Assert.Contains("cannot be expanded (customer_details)", refused.Message);
    }

    [Fact]
    public async Task AllowedAndExcludedPaymentMethodTypesDecideTheSessionsTypes()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var book = TestEmulator.Book();
        book.AllowedPaymentMethodTypes = ["card", "us_bank_account", "link"];
        book.ExcludedPaymentMethodTypes = ["link"];

        var session = await client.CreateCheckoutSessionAsync(book, "order_methods-checkout");

        Assert.Equal(["card", "us_bank_account"], session.PaymentMethodTypes);
    }

    [Fact]
    public async Task AnApiBaseGivenWithItsTrailingSlashStillReachesTheEmulator()
    {
        await using var emulator = await TestEmulator.StartAsync();
        // Built by hand, not through the shop's registration that trims the slash: the SDK asks for "//v1/…".
        var untrimmed = new StripeClient(new StripeClientOptions { ApiKey = TestEmulator.ApiKey, ApiBase = emulator.BaseUrl.ToString() });

        var session = await untrimmed.CreateCheckoutSessionAsync(TestEmulator.Book(), "order_slash-checkout");

        Assert.EndsWith("/", emulator.BaseUrl.ToString());
        Assert.Equal("open", (await untrimmed.GetCheckoutSessionAsync(session.Id)).Status);
    }

    [Fact]
    public async Task EventsAreListedTypedAndPagedWithoutRepeatsOrGaps()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var client = TestEmulator.Client(emulator.BaseUrl);
        var sessions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var session = await client.CreateCheckoutSessionAsync(TestEmulator.Book($"order_{i}"), $"order_{i}-checkout");
            await client.ExpireCheckoutSessionAsync(session.Id);
            sessions.Add(session.Id);
        }

        await WaitForEventsAsync(emulator, 3);
        var events = new EventService(client);
        var first = await events.ListAsync(new EventListOptions { Type = "checkout.session.expired", Limit = 2 });
        var rest = await events.ListAsync(new EventListOptions { Type = "checkout.session.expired", Limit = 2, StartingAfter = first.Data[^1].Id });
        var none = await events.ListAsync(new EventListOptions { Type = "charge.refunded" });

        Assert.True(first.HasMore);
        Assert.False(rest.HasMore);
        // Each expiry's event is sent in the background, so their relative order is not the test's to fix.
        Assert.Equal(sessions.Order(), first.Data.Concat(rest.Data).Select(e => e.Session().Id).Order());
        Assert.All(first.Data, e => Assert.Equal("expired", e.Session().Status));
        Assert.Empty(none.Data);
    }

    private static async Task WaitForEventsAsync(Storefront.StripeEmulator.RunningStripeEmulator emulator, int count)
    {
        var deadline = DateTime.UtcNow + Patience.For(TimeSpan.FromSeconds(5));
        while (DateTime.UtcNow < deadline && emulator.State.Events.Count < count)
        {
            await Task.Delay(25);
        }

        Assert.Equal(count, emulator.State.Events.Count);
    }
}
