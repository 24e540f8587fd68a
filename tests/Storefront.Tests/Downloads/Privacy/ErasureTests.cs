using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Audit;
using Storefront.Core.Outbox;
using Storefront.Core.Privacy;
using Storefront.Core.Security;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Tracing;
using Storefront.Library.Data;
using Storefront.Licensing.Data;
using Storefront.Payments.Invoices;
using Storefront.Payments.Orders;
using Storefront.Payments.Webhooks;
using Storefront.Tests.Infrastructure;
using Storefront.Tests.Library;
using Storefront.Tests.Licensing;

namespace Storefront.Tests.Downloads.Privacy;

/// <summary>
/// An administrator erases a buyer from a real shop through the Privacy page: every module's records lose the name, email
/// and address, invoices keep their tax fields, later copies show the licence code only and still trace, and a second
/// erasure finds nothing.
/// </summary>
public sealed class ErasureTests
{
    private const string Buyer = "leaker@example.com";
    private const string UserAgent = "Erasure/1.0 (a buyer browser)";

    private static readonly Dictionary<string, string> Address = new()
    {
        ["address_line1"] = "Hauptstraße 5", ["address_city"] = "Berlin", ["address_postal_code"] = "10115", ["address_country"] = "DE",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ErasingABuyerReplacesTheirDataEverywhereKeepsTheInvoiceTaxFieldsAndLaterCopiesShowTheCodeOnly(Db db)
    {
        await using var shop = await LicensedShop.StartAsync(db, overrides: new Dictionary<string, string?>
        {
            ["Invoices:BillingAddressCollection"] = "required",
            ["Downloads:Stamping:Privacy"] = "NameAndEmail",
        });
        var app = shop.App;
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.Shop.BuyAsync(Buyer, "Lee Leaker", fields: Address)).Page));
        await shop.Shop.BuyAsync("other@example.com", "Otto Other", fields: Address);
        var before = await DownloadAsync(app, link);
        var order = await app.WithDbAsync(d => d.Set<Order>().AsNoTracking().SingleAsync(o => o.BuyerEmail == Buyer));
        Assert.Contains("Hauptstraße 5", await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(app, order.Number)));
        using (var visitor = new LibraryVisitor(app))
        {
            await visitor.AskForLinkAsync(Buyer);
        }
        await shop.Shop.WaitForOutboxDrainedAsync();
        // Two events naming the buyer that did not go through: one the inbox gave up on, one still due a retry.
        var body = """{"id":"evt_x","object":"event","data":{"object":{"customer_details":{"email":"BUYER"}}}}""".Replace("BUYER", Buyer, StringComparison.Ordinal);
        await app.WithDbAsync(d =>
        {
            d.AddRange(
                new StripeInboxEvent { Id = "evt_given_up", Type = "checkout.session.completed", ReceivedAt = DateTime.UtcNow, Payload = body, Status = InboxStatus.Failed },
                new StripeInboxEvent
                {
                    Id = "evt_retrying", Type = "checkout.session.completed", ReceivedAt = DateTime.UtcNow, Payload = body, Status = InboxStatus.Failed,
                    NextAttemptAt = DateTime.UtcNow.AddDays(1),
                });
            return d.SaveChangesAsync();
        });
        // A leaked copy traced before the erasure: its audit entry names the buyer.
        Assert.Equal(order.Number, (await TraceAsync(app, before)).Copy?.OrderNumber);
        using var admin = await AdminSession.SignInAsync(app);

        // Preview: the address is matched whatever its case, and nothing changes yet.
        var preview = await ReadAsync(await AdminSession.PostFormAsync(admin, "/admin/privacy", new() { ["Email"] = "Leaker@Example.COM" }, "/admin/privacy?handler=Preview"));
        foreach (var (module, what) in new[] { ("Payments", "orders"), ("Payments", "Stripe event bodies"), ("Downloads", "entitlements"), ("Downloads", "download log entries"), ("Licensing", "licence keys"), ("Library", "sign-in links"), ("Core", "outbox messages"), ("Core", "audit entries") })
        {
            Assert.Matches($"<td>{module}</td><td>{what}</td><td>[1-9]", preview);
        }
        Assert.Equal("Lee Leaker", await app.WithDbAsync(d => d.Set<Order>().Where(o => o.Id == order.Id).Select(o => o.BuyerName).SingleAsync()));
        var unconfirmed = await ReadAsync(await AdminSession.PostFormAsync(admin, "/admin/privacy", new() { ["Email"] = Buyer }, "/admin/privacy?handler=Erase"));
        Assert.Contains("Tick the box to confirm the erasure", unconfirmed);
        Assert.Contains("Enter the buyer&#x27;s email address", await ReadAsync(await AdminSession.PostFormAsync(admin, "/admin/privacy", new() { ["Email"] = "not an address" }, "/admin/privacy?handler=Preview")));

        var erased = await ReadAsync(await AdminSession.PostFormAsync(admin, "/admin/privacy", new() { ["Email"] = Buyer, ["Confirmed"] = "true" }, "/admin/privacy?handler=Erase"));

        Assert.Contains("Erased: the buyer is now", erased);
        var after = await app.WithDbAsync(d => d.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == order.Id));
        Assert.True(ErasedBuyer.IsErased(after.BuyerEmail), after.BuyerEmail);
        Assert.Equal((ErasedBuyer.PlaceholderName, "Germany"), (after.BuyerName, after.BuyerAddress));
        Assert.Equal((order.Number, order.AmountTotal, order.AmountTax, order.Currency, order.Status), (after.Number, after.AmountTotal, after.AmountTax, after.Currency, after.Status));
        var invoice = await app.WithDbAsync(d => d.Set<Invoice>().AsNoTracking().SingleAsync(i => i.OrderId == order.Id));
        var invoiceText = await InvoiceFiles.TextAsync(await InvoiceFiles.DownloadAsync(app, order.Number));
        Assert.Contains(invoice.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), invoiceText);
        Assert.Contains("Germany", invoiceText);
        Assert.DoesNotContain("Hauptstraße", invoiceText);
        Assert.DoesNotContain("Lee Leaker", invoiceText);
        Assert.DoesNotContain(Buyer, invoiceText);

        var entitlement = await app.WithDbAsync(d => d.Set<Entitlement>().AsNoTracking().SingleAsync(e => e.OrderId == order.Id));
        Assert.Equal((after.BuyerEmail, ErasedBuyer.PlaceholderName), (entitlement.BuyerEmail, entitlement.BuyerName));
        Assert.All(await app.WithDbAsync(d => d.Set<DownloadAttempt>().AsNoTracking().Where(a => a.EntitlementId == entitlement.Id).ToListAsync()),
            a => Assert.Equal((null, null), (a.IpAddress, a.UserAgent)));
        Assert.Equal(after.BuyerEmail, await app.WithDbAsync(d => d.Set<LicenseKey>().Where(k => k.OrderId == order.Id).Select(k => k.BuyerEmail).SingleAsync()));
        Assert.False(await app.WithDbAsync(d => d.Set<SignInLink>().AnyAsync(l => l.Email.ToLower() == Buyer)));
        Assert.False(await app.WithDbAsync(d => d.Set<OutboxMessage>().AnyAsync(m => m.Payload.ToLower().Contains(Buyer))));
        // Processed and given-up events lose their bodies; one still due to be processed keeps the body its processing needs.
        var bodiesNamingTheBuyer = await app.WithDbAsync(d => d.Set<StripeInboxEvent>().Where(e => e.Payload!.ToLower().Contains(Buyer)).Select(e => e.Id).ToListAsync());
        Assert.Equal(["evt_retrying"], bodiesNamingTheBuyer);
        Assert.Null(await app.WithDbAsync(d => d.Set<StripeInboxEvent>().Where(e => e.Id == "evt_given_up").Select(e => e.Payload).SingleAsync()));
        Assert.False(await app.WithDbAsync(d => d.Set<Order>().AnyAsync(o => o.BuyerEmail == Buyer || o.BuyerName == "Lee Leaker")));
        // The other buyer keeps everything.
        Assert.Equal(("Otto Other", "Hauptstraße 5\n10115 Berlin\nGermany"), await app.WithDbAsync(d => d.Set<Order>()
            .Where(o => o.BuyerEmail == "other@example.com").Select(o => new ValueTuple<string?, string?>(o.BuyerName, o.BuyerAddress)).SingleAsync()));
        var audit = await app.WithDbAsync(d => d.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Action == "privacy.erased"));
        Assert.StartsWith("administrator-", audit.UserName);
        Assert.Equal("buyer " + after.BuyerEmail, audit.Target);
        Assert.DoesNotContain(Buyer, audit.Details, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Payments orders: 1", audit.Details);
        // What was done stays in the log; the buyer in it is the placeholder.
        var entries = await app.WithDbAsync(d => d.Set<AuditEntry>().AsNoTracking().ToListAsync());
        Assert.DoesNotContain(entries, e => (e.Target + e.Details).Contains(Buyer, StringComparison.OrdinalIgnoreCase) || (e.Target + e.Details).Contains("Lee Leaker"));
        Assert.Contains($": {ErasedBuyer.PlaceholderName} <{after.BuyerEmail}>", Assert.Single(entries, e => e.Action == "leak.traced").Details);

        // A later copy carries the licence code only, and both copies still trace to the order, showing the placeholder.
        var later = await DownloadAsync(app, link);
        Assert.All(await PdfTools.PageTextsAsync(later), page => StampPrivacyTests.AssertShows(page, StampPrivacy.CodeOnly, order.Number, entitlement.LicenseCode));
        Assert.All(await PdfTools.PageTextsAsync(later), page => Assert.DoesNotContain(ErasedBuyer.PlaceholderName, page));
        foreach (var copy in new[] { before, later })
        {
            var traced = await TraceAsync(app, copy);
            Assert.Equal((entitlement.Id, after.BuyerEmail), (traced.Copy?.EntitlementId, traced.Copy?.BuyerEmail));
        }

        // A second erasure finds nothing and changes nothing.
        Assert.Contains("Nothing to erase", await ReadAsync(await AdminSession.PostFormAsync(admin, "/admin/privacy", new() { ["Email"] = Buyer }, "/admin/privacy?handler=Preview")));
        var again = await ReadAsync(await AdminSession.PostFormAsync(admin, "/admin/privacy", new() { ["Email"] = Buyer, ["Confirmed"] = "true" }, "/admin/privacy?handler=Erase"));
        Assert.Contains("(0 records changed)", again);
        Assert.Equal(after.BuyerEmail, await app.WithDbAsync(d => d.Set<Order>().Where(o => o.Id == order.Id).Select(o => o.BuyerEmail).SingleAsync()));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnEditorCannotErase()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var editor = await AdminSession.SignInAsync(app, AdminRoles.Editor);

        using var page = await editor.GetAsync("/admin/privacy");

        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("/admin/privacy", await (await editor.GetAsync("/admin")).Content.ReadAsStringAsync());
        using var admin = await AdminSession.SignInAsync(app);
        var token = await AdminSession.AntiforgeryTokenAsync(admin, "/admin/privacy");
        using var post = await editor.PostAsync("/admin/privacy?handler=Erase", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Buyer, ["Confirmed"] = "true", ["__RequestVerificationToken"] = token,
        }));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.False(await app.WithDbAsync(d => d.Set<AuditEntry>().AnyAsync(e => e.Action == "privacy.erased")));
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }

    private static async Task<byte[]> DownloadAsync(StorefrontApp app, string link)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, link);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var copy = await response.Content.ReadAsByteArrayAsync();
        await Eventually.HoldsAsync(async () => !await app.WithDbAsync(d => d.Set<DownloadAttempt>().AnyAsync(a => a.Outcome == DownloadOutcomes.Started)),
            "settling the download", seconds: 30);
        return copy;
    }

    private static async Task<TraceResult> TraceAsync(StorefrontApp app, byte[] file)
    {
        await using var scope = app.Services.CreateAsyncScope();
        using var content = new MemoryStream(file);
        return await scope.ServiceProvider.GetRequiredService<LeakTracer>().TraceAsync(content, "found.pdf", "in a test", CancellationToken.None);
    }
}
