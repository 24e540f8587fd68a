using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Invoices;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>Invoices: numbered without gaps under concurrent fulfilment, rendered once, readable by strict PDF tools.</summary>
public sealed class InvoiceTests
{
    private static readonly Dictionary<string, string?> Seller = new()
    {
        ["Seller:Name"] = "Field Guides s.r.o.",
        ["Seller:Address"] = "Dlouhá 12\n110 00 Praha",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public Task TwentyConcurrentFulfilmentsGetTwentyDistinctConsecutiveInvoiceNumbers(Db db) => ConcurrentFulfilmentsAsync(db, 20);

    /// <summary>The scale-out database under a burst: every delivery at once, each fulfilment taking its turn on the counter.</summary>
    [Fact]
    public Task TwoHundredConcurrentFulfilmentsOnPostgresGetTwoHundredDistinctConsecutiveInvoiceNumbers() => ConcurrentFulfilmentsAsync(Db.Postgres, 200);

    private static async Task ConcurrentFulfilmentsAsync(Db db, int count)
    {
        // So many checkouts from one address would otherwise meet the per-client checkout limit.
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: new Dictionary<string, string?>
        {
            ["RateLimits:Checkout:PermitLimit"] = (count + 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webhooks:Interval"] = "00:00:01", ["Webhooks:FirstRetryDelay"] = "00:00:01",
        });
        shop.Stripe.Options.WebhookUrl = null; // the completions are delivered below, all at once
        for (var i = 0; i < count; i++)
        {
            await shop.BuyAsync($"buyer{i}@example.com", $"Buyer {i}", openSuccessPage: false);
        }

        var completions = shop.Stripe.State.Events.Where(e => e.Type == "checkout.session.completed")
            .Select(e => System.Text.Encoding.UTF8.GetString(e.Body)).ToList();
        Assert.Equal(count, completions.Count);

        var responses = await Task.WhenAll(completions.Select(json => Task.Run(() => shop.DeliverAsync(json))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // A 2xx means the event is stored: one whose fulfilment failed for the moment (a lock or pool timeout under load) is the inbox's to retry.
        await Eventually.HoldsAsync(async () => await shop.App.WithDbAsync(d => d.Set<Storefront.Payments.Webhooks.StripeInboxEvent>()
            .CountAsync(e => e.Status == Storefront.Payments.Webhooks.InboxStatus.Processed)) == count, "the inbox processing every completion", seconds: 120);
        var invoices = await shop.App.WithDbAsync(d => d.Set<Invoice>().OrderBy(i => i.Number).ToListAsync());
        Assert.Equal(Enumerable.Range(1, count).Select(n => (long)n), invoices.Select(i => i.Number));
        var paid = await shop.App.WithDbAsync(d => d.Set<Order>().Where(o => o.Status == OrderStatus.Paid).Select(o => o.Id).ToListAsync());
        Assert.Equal(paid.Order(), invoices.Select(i => i.OrderId).Order());
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheAdminDownloadsOneUnchangingInvoiceThatStrictToolsReadBack(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: Seller);
        await shop.BuyAsync("zoe@example.com", "Zoë Šimůnek");
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        using var admin = await AdminSession.SignInAsync(shop.App);

        Assert.Contains($"/admin/orders/{order.Number}/invoice", await admin.GetStringAsync($"/admin/orders/{order.Number}"));
        var first = await admin.GetAsync($"/admin/orders/{order.Number}/invoice");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/pdf", first.Content.Headers.ContentType?.MediaType);
        var pdf = await first.Content.ReadAsByteArrayAsync();
        var again = await admin.GetByteArrayAsync($"/admin/orders/{order.Number}/invoice");

        Assert.Equal(pdf, again);
        var text = await InvoiceFiles.TextAsync(pdf);
        Assert.Contains("Zoë Šimůnek", text);
        Assert.Contains("zoe@example.com", text);
        Assert.Contains("Invoice 1", text);
        Assert.Contains("Field Guides s.r.o.", text);
        Assert.Contains("Dlouhá 12", text);
        Assert.Contains("$29.00", text);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ASellerRenamedAfterPaymentDoesNotReachTheInvoice()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await ImportSellerAsync(shop.App, "Stará Dílna");
        await shop.BuyAsync("early@example.com", "Early Buyer");
        await ImportSellerAsync(shop.App, "Nová Dílna");
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        using var admin = await AdminSession.SignInAsync(shop.App);

        var text = await InvoiceFiles.TextAsync(await admin.GetByteArrayAsync($"/admin/orders/{order.Number}/invoice"));

        Assert.Contains("Stará Dílna", text);
        Assert.DoesNotContain("Nová Dílna", text);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task OrdersPaidBeforeInvoicesExistedAreNumberedFirstInPaymentOrder(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await shop.BuyAsync("first@example.com", "First");
        await shop.BuyAsync("second@example.com", "Second");
        await shop.BuyAsync("unpaid@example.com", "Unpaid", action: "decline", openSuccessPage: false);
        // Back to the schema as it was before invoices: the next start applies the invoices step to these orders.
        await shop.App.WithDbAsync(d => d.Database.ExecuteSqlRawAsync("""
            DROP TABLE invoices;
            DELETE FROM counters WHERE name = 'invoice-number';
            DELETE FROM schema_migrations WHERE id IN ('0210-payments-invoices', '0241-payments-invoice-seller-vat-id');
            """));
        var shared = shop.App.Settings.Where(s => s.Key.StartsWith("ConnectionStrings") || s.Key.StartsWith("Database") || s.Key.StartsWith("Storage"))
            .ToDictionary(s => s.Key, s => s.Value);
        await using var restarted = await StorefrontApp.StartAsync(db, shared);

        var numbered = await restarted.WithDbAsync(d => (from o in d.Set<Order>()
                                                           join i in d.Set<Invoice>() on o.Id equals i.OrderId
                                                           orderby i.Number
                                                           select new { o.BuyerEmail, i.Number }).ToListAsync());
        Assert.Equal(["first@example.com", "second@example.com"], numbered.Select(n => n.BuyerEmail));
        Assert.Equal([1L, 2L], numbered.Select(n => n.Number));
        await shop.BuyAsync("third@example.com", "Third");
        Assert.Equal(3, await restarted.WithDbAsync(d => d.Set<Invoice>().MaxAsync(i => i.Number)));
        restarted.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnIssuedInvoiceKeepsItsSellerAndItsBytesWhateverTheSettingsSayLater(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        await ImportSellerAsync(shop.App, "Stará Dílna", "Dlouhá 12", "CZ11111111");
        await shop.BuyAsync("drawn@example.com", "Drawn Early");
        await shop.BuyAsync("undrawn@example.com", "Drawn Late");
        var before = await shop.App.WithDbAsync(d => d.Set<Order>().OrderBy(o => o.Number).Select(o => o.Number).ToListAsync());
        var drawnBefore = await InvoiceFiles.DownloadAsync(shop.App, before[0]);

        await ImportSellerAsync(shop.App, "Nová Dílna", "Nová 1", "CZ22222222");
        await shop.BuyAsync("after@example.com", "After Change");
        var after = await shop.App.WithDbAsync(d => d.Set<Order>().OrderBy(o => o.Number).Select(o => o.Number).LastAsync());

        Assert.Equal(drawnBefore, await InvoiceFiles.DownloadAsync(shop.App, before[0]));
        // Issued before the change, drawn only after it: still the seller of the day it was issued.
        var late = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, before[1]));
        Assert.Contains("Stará Dílna", late);
        Assert.Contains("Dlouhá 12", late);
        Assert.Contains("VAT id: CZ11111111", late);
        Assert.DoesNotContain("Nová", late);
        Assert.DoesNotContain("CZ22222222", late);
        var issuedAfter = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(shop.App, after));
        Assert.Contains("Nová Dílna", issuedAfter);
        Assert.Contains("VAT id: CZ22222222", issuedAfter);
        shop.App.Logs.AssertNoErrors();
    }

    private static async Task ImportSellerAsync(StorefrontApp app, string seller, string address = "Dlouhá 12", string? vatId = null)
    {
        using var folder = new TempFolder("storefront-seller");
        var step = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "settings", ["sellerName"] = seller, ["sellerAddress"] = new System.Text.Json.Nodes.JsonArray(address),
        };
        if (vatId is not null)
        {
            step["sellerVatId"] = vatId;
        }

        await app.ImportAsync(new TestRecipe().Step(step).WriteTo(folder.Path));
    }

    [Fact]
    public async Task AnUnpaidOrderHasNoInvoiceAndAnUnknownNumberIsAPlainNotFound()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("nopay@example.com", "Declined", action: "decline", openSuccessPage: false);
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        using var admin = await AdminSession.SignInAsync(shop.App);

        var unpaid = await admin.GetAsync($"/admin/orders/{order.Number}/invoice");
        var garbled = await admin.GetAsync("/admin/orders/12abc/invoice");

        Assert.Equal(HttpStatusCode.NotFound, unpaid.StatusCode);
        Assert.Contains("no invoice", await unpaid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, garbled.StatusCode);
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Invoice>().CountAsync()));
    }

    [Fact]
    public async Task AnEditorWithoutViewOrdersAndAStrangerAreRefused()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync("someone@example.com", "Someone");
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        using var editor = await AdminSession.SignInAsync(shop.App, Storefront.Core.Security.AdminRoles.Editor);
        using var anonymous = AdminSession.NewClient(shop.App);

        var refused = await editor.GetAsync($"/admin/orders/{order.Number}/invoice");
        var stranger = await anonymous.GetAsync($"/admin/orders/{order.Number}/invoice");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/admin/account/denied", refused.Headers.Location!.OriginalString.Replace(shop.App.BaseAddress.ToString().TrimEnd('/'), ""), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.StartsWith("/admin/account/sign-in?", stranger.Headers.Location!.OriginalString.Replace(shop.App.BaseAddress.ToString().TrimEnd('/'), ""), StringComparison.Ordinal);
    }
}
