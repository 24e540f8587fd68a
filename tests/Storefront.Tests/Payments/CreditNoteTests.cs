using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Security;
using Storefront.Payments.CreditNotes;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Users;

namespace Storefront.Tests.Payments;

/// <summary>Credit notes: numbered without gaps of their own, kept as first rendered, readable by strict PDF tools, admin-only.</summary>
public sealed class CreditNoteTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task RefundsRecordedConcurrentlyGetConsecutiveCreditNoteNumbers(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: new Dictionary<string, string?> { ["RateLimits:Checkout:PermitLimit"] = "50" });
        for (var i = 0; i < 6; i++)
        {
            await shop.BuyAsync($"buyer{i}@example.com", $"Buyer {i}", openSuccessPage: false);
        }

        shop.Stripe.Options.WebhookUrl = null; // every refund's events are delivered below, all at once
        var intents = await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.PaymentIntentId!).ToListAsync());
        foreach (var intent in intents)
        {
            await shop.StripeApiAsync("/v1/test_helpers/refunds", ("payment_intent", intent), ("amount", "100"));
            await shop.StripeApiAsync("/v1/test_helpers/refunds", ("payment_intent", intent), ("amount", "200"));
        }

        var events = shop.Stripe.State.Events.Where(e => e.Type is "refund.created" or "charge.refunded").Select(e => e.BodyText).ToList();
        var responses = await Task.WhenAll(events.Select(json => Task.Run(() => shop.DeliverAsync(json))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var notes = await shop.App.WithDbAsync(d => d.Set<CreditNote>().OrderBy(c => c.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), notes.Select(c => c.Number));
        Assert.Equal(12, notes.Select(c => c.RefundId).Distinct().Count());
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheAdminDownloadsAnUnchangingCreditNoteThatNamesItsInvoice(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: new Dictionary<string, string?>
        {
            ["Seller:Name"] = "Field Guides s.r.o.", ["Seller:Address"] = "Dlouhá 12\n110 00 Praha",
        });
        await shop.BuyAsync("zoe@example.com", "Zoë Šimůnek");
        var number = await RefundForm.OrderNumberAsync(shop);
        using var admin = await AdminSession.SignInAsync(shop.App);
        var page = await RefundForm.RefundAsync(admin, number, "12.50");
        Assert.Contains($"/admin/orders/{number}/credit-notes/1", page);

        var first = await admin.GetAsync($"/admin/orders/{number}/credit-notes/1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/pdf", first.Content.Headers.ContentType?.MediaType);
        var pdf = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(pdf, await admin.GetByteArrayAsync($"/admin/orders/{number}/credit-notes/1"));

        var text = await InvoiceFiles.TextAsync(pdf);
        Assert.Contains("Credit note 1", text);
        Assert.Contains("Refers to invoice: 1", text);
        Assert.Contains($"Order number: {number}", text);
        Assert.Contains("Zoë Šimůnek", text);
        Assert.Contains("Field Guides s.r.o.", text);
        Assert.Contains("Dlouhá 12", text);
        Assert.Contains("-$12.50", text);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/orders/{number}/credit-notes/2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/orders/{number + 1}/credit-notes/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/orders/{number}/credit-notes/x1")).StatusCode);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnEditorWithoutViewOrdersAndAStrangerAreRefusedTheCreditNote()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("someone@example.com", "Someone");
        var number = await RefundForm.OrderNumberAsync(shop);
        using var admin = await AdminSession.SignInAsync(shop.App);
        await RefundForm.RefundAsync(admin, number, "1.00");
        using var editor = await AdminSession.SignInAsync(shop.App, AdminRoles.Editor);
        using var anonymous = AdminSession.NewClient(shop.App);

        var refused = await editor.GetAsync($"/admin/orders/{number}/credit-notes/1");
        var stranger = await anonymous.GetAsync($"/admin/orders/{number}/credit-notes/1");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/admin/account/denied", refused.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/admin/account/sign-in?", stranger.Headers.Location!.PathAndQuery());
    }
}
