using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Outbox;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Library;

/// <summary>What a signed-in buyer sees and gets: fresh links within the purchase's limits, the reasons when there are none.</summary>
public sealed class LibraryShelfTests
{
    private const string Buyer = "shelf@example.com";

    [Fact]
    public async Task EachBlockedDownloadSaysWhyInPlainWordsAndWhatToDo()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Site:SupportEmail"] = "help@example.com" });
        var usedUpLink = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync(Buyer, "Shelf")).Page));
        for (var i = 0; i < 5; i++)
        {
            await shop.BuyAsync(Buyer, "Shelf");
        }

        var orders = await shop.App.WithDbAsync(d => d.Set<Order>().OrderBy(o => o.Number).ToListAsync());
        var (usedUp, expired, refunded, disputed, revoked, ready) = (orders[0], orders[1], orders[2], orders[3], orders[4], orders[5]);
        using var downloader = shop.App.CreateHttpClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await downloader.GetAsync(usedUpLink)).StatusCode);
        }

        await Eventually.HoldsAsync(async () => (await EntitlementOfAsync(shop, usedUp.Id)).StreamsOpen == 0, "the copies settling", seconds: 10);
        // A day passes for the second purchase's download period (the shop has no clock of its own to move).
        await shop.App.WithDbAsync(d => d.Set<Entitlement>().Where(e => e.OrderId == expired.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ExpiresAt, DateTime.UtcNow.AddMinutes(-5))));
        await shop.StripeApiAsync("/v1/refunds", ("payment_intent", refunded.PaymentIntentId!));
        await shop.WaitForDeliveryAsync("charge.refunded");
        await shop.StripeApiAsync("/v1/test_helpers/disputes", ("payment_intent", disputed.PaymentIntentId!));
        await shop.WaitForDeliveryAsync("charge.dispute.created");
        using var admin = await AdminSession.SignInAsync(shop.App);
        var page = $"/admin/orders/{revoked.Number}";
        await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Revoke",
            ("entitlement", (await EntitlementOfAsync(shop, revoked.Id)).Id.ToString()), ("confirmed", "true"));
        using var visitor = new LibraryVisitor(shop.App);
        await visitor.SignInAsync(Buyer);

        var library = await visitor.LibraryAsync();

        Assert.Contains("All 3 downloads of this purchase are used up.", Section(library, usedUp.Number));
        Assert.Contains("Ask the seller for more downloads at help@example.com.", Section(library, usedUp.Number));
        Assert.Contains("The download period for this purchase ended on", Section(library, expired.Number));
        Assert.Contains("Ask the seller to extend it at help@example.com.", Section(library, expired.Number));
        Assert.Contains("This order was refunded, so its downloads were withdrawn.", Section(library, refunded.Number));
        Assert.Contains("is disputed with the bank, so its downloads are paused", Section(library, disputed.Number));
        Assert.Contains("The seller revoked access to this download.", Section(library, revoked.Number));
        Assert.Contains("If you think this is a mistake, write to help@example.com.", Section(library, revoked.Number));
        foreach (var blocked in new[] { usedUp, expired, refunded, disputed, revoked })
        {
            Assert.Empty(LibraryVisitor.DownloadLinks(Section(library, blocked.Number)));
        }

        Assert.Single(LibraryVisitor.DownloadLinks(Section(library, ready.Number)));
        Assert.Contains("3 of 3 downloads left", Section(library, ready.Number));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AFreshLinkNeitherAddsUsesNorMovesTheExpiryAndCountsLikeAnyOther(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var receiptLink = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync(Buyer, "Shelf")).Page));
        using var downloader = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await downloader.GetAsync(receiptLink)).StatusCode);
        await Eventually.HoldsAsync(async () => (await EntitlementAsync(shop)).StreamsOpen == 0, "the copy settling", seconds: 10);
        var before = await EntitlementAsync(shop);
        using var visitor = new LibraryVisitor(shop.App);
        await visitor.SignInAsync(Buyer);

        var first = Assert.Single(LibraryVisitor.DownloadLinks(await visitor.LibraryAsync()));
        var second = Assert.Single(LibraryVisitor.DownloadLinks(await visitor.LibraryAsync()));

        Assert.NotEqual(receiptLink, first);
        var unchanged = await EntitlementAsync(shop);
        Assert.Equal((2, 3, before.ExpiresAt), (unchanged.UsesLeft, unchanged.UsesAllowed, unchanged.ExpiresAt));
        Assert.Contains("2 of 3 downloads left", await visitor.LibraryAsync());
        Assert.Equal(HttpStatusCode.OK, (await downloader.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await downloader.GetAsync(second)).StatusCode);
        await Eventually.HoldsAsync(async () => (await EntitlementAsync(shop)).StreamsOpen == 0, "the copies settling", seconds: 10);
        var after = await EntitlementAsync(shop);
        Assert.Equal((0, 3, before.ExpiresAt), (after.UsesLeft, after.UsesAllowed, after.ExpiresAt));
        Assert.Equal(HttpStatusCode.Forbidden, (await downloader.GetAsync(first)).StatusCode);
        Assert.Contains("are used up", await visitor.LibraryAsync());
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheLinksEmailGoesOutOnceHoweverOftenTheSameFormIsSubmitted(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        var purchase = await shop.BuyAsync(Buyer, "Shelf");
        await shop.WaitForOutboxDrainedAsync();
        using var visitor = new LibraryVisitor(shop.App);
        await visitor.SignInAsync(Buyer);
        var library = await visitor.LibraryAsync();
        var (antiforgery, nonce) = (LibraryVisitor.AntiforgeryOf(library), LibraryVisitor.NonceOf(library));

        var submits = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            visitor.Client.PostAsync("/library?handler=EmailLinks", LibraryVisitor.Form(antiforgery, ("nonce", nonce)))));
        await shop.WaitForOutboxDrainedAsync();

        Assert.All(submits, s => Assert.Equal(HttpStatusCode.Redirect, s.StatusCode));
        Assert.Contains($"Your download links are on their way to {Buyer}", await visitor.LibraryAsync());
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "library.links-ready")));
        var mail = Assert.Single(LinksMails(shop));
        Assert.Equal("Your download link is ready: Field Guide", mail.Subject);
        Assert.Contains("3 downloads left, until", mail.TextBody);
        Assert.Contains("A new link does not add downloads", mail.TextBody);
        Assert.Contains($"{shop.App.BaseAddress.ToString().TrimEnd('/')}/library", mail.TextBody);
        Assert.Contains(">Download</a>", mail.HtmlBody);
        using var downloader = shop.App.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await downloader.GetAsync(LibraryVisitor.PlainDownloadLink(mail.TextBody ?? ""))).StatusCode);

        // The success page's button: one email per form, to the order's address, however often it is pressed.
        using var buyer = new LibraryVisitor(shop.App);
        var success = purchase.SuccessUrl!.PathAndQuery;
        var successPage = await buyer.Client.GetStringAsync(success);
        Assert.Contains("href=\"/library\">your library</a>", successPage);
        var form = LibraryVisitor.Form(LibraryVisitor.AntiforgeryOf(successPage), ("nonce", LibraryVisitor.NonceOf(successPage)));
        var pressed = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => buyer.Client.PostAsync(success + "&handler=EmailLinks", form)));
        await shop.WaitForOutboxDrainedAsync();

        Assert.All(pressed, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Contains($"Your download links are on their way to {Buyer}", await buyer.Client.GetStringAsync(pressed[0].Headers.Location!.OriginalString));
        Assert.Equal(2, await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "library.links-ready")));
        Assert.Equal(2, LinksMails(shop).Count);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheLinksEmailIsLimitedPerEmail()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Library:LinkEmailsPerEmail"] = "1" });
        await shop.BuyAsync(Buyer, "Shelf");
        using var visitor = new LibraryVisitor(shop.App);
        await visitor.SignInAsync(Buyer);

        var first = await visitor.PostAsync("/library", "/library?handler=EmailLinks", ("nonce", "first"));
        var second = await visitor.PostAsync("/library", "/library?handler=EmailLinks", ("nonce", "second"));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("Links were emailed several times lately. Please wait", await second.Content.ReadAsStringAsync());
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ABuyerGetsTheirOwnInvoiceAndNobodyElses()
    {
        await using var shop = await ShopWithStripe.StartAsync();
        await shop.BuyAsync(Buyer, "Shelf");
        await shop.BuyAsync("other@example.com", "Other");
        var numbers = await shop.App.WithDbAsync(d => d.Set<Order>().OrderBy(o => o.Number).Select(o => o.Number).ToListAsync());
        using var visitor = new LibraryVisitor(shop.App);
        await visitor.SignInAsync(Buyer);

        Assert.Contains($"href=\"/library/orders/{numbers[0]}/invoice\"", await visitor.LibraryAsync());
        var own = await visitor.Client.GetAsync($"/library/orders/{numbers[0]}/invoice");
        var others = await visitor.Client.GetAsync($"/library/orders/{numbers[1]}/invoice");
        var unknown = await visitor.Client.GetAsync("/library/orders/999999/invoice");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await own.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        shop.App.Logs.AssertNoErrors();
    }

    private static List<MimeKit.MimeMessage> LinksMails(ShopWithStripe shop) =>
        [.. LibraryVisitor.Mails(shop.App).Where(m => (m.Subject ?? "").Contains("download link", StringComparison.Ordinal) && (m.Subject ?? "").Contains("ready", StringComparison.Ordinal))];

    /// <summary>One order's part of the library page.</summary>
    private static string Section(string html, long orderNumber)
    {
        var start = html.IndexOf($"<h2 id=\"order-{orderNumber}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"Order {orderNumber} is not in the library.");
        var end = html.IndexOf("</article>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static Task<Entitlement> EntitlementAsync(ShopWithStripe shop) => shop.App.WithDbAsync(d => d.Set<Entitlement>().AsNoTracking().SingleAsync());

    private static Task<Entitlement> EntitlementOfAsync(ShopWithStripe shop, Guid orderId) =>
        shop.App.WithDbAsync(d => d.Set<Entitlement>().AsNoTracking().SingleAsync(e => e.OrderId == orderId));
}
