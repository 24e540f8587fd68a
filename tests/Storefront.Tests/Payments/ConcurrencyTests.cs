using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Outbox;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>Money and access under concurrency: the database decides, never a check-then-act in memory.</summary>
public sealed class ConcurrencyTests(MailDevServer mail) : IClassFixture<MailDevServer>
{
    private static readonly Dictionary<string, string?> AllStreamsAtOnce = new() { ["Downloads:MaxConcurrentStreams"] = "30" };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ThirtyConcurrentDownloadsOfAThreeUseLinkDeliverExactlyThree(Db db)
    {
        // Every request may hold a copy at once, so the race is for the uses alone.
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: AllStreamsAtOnce);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("race@example.com", "Race")).Page));
        using var client = shop.App.CreateHttpClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(async () => (await client.GetAsync(link)).StatusCode)));

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(27, statuses.Count(s => s == HttpStatusCode.Forbidden));
        var entitlement = await shop.App.WithDbAsync(d => d.Set<Entitlement>().SingleAsync());
        Assert.Equal((0, EntitlementStatus.Exhausted), (entitlement.UsesLeft, entitlement.Status));
        Assert.Equal(30, await shop.App.WithDbAsync(d => d.Set<DownloadAttempt>().CountAsync()));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TwoInstancesSharingOnePostgresDatabaseStillDeliverExactlyThree()
    {
        await using var shop = await ShopWithStripe.StartAsync(Db.Postgres, overrides: AllStreamsAtOnce);
        var link = Assert.Single(ShopWithStripe.DownloadLinks((await shop.BuyAsync("two@example.com", "Two Instances")).Page));
        var shared = shop.App.Settings.Where(s => s.Key.StartsWith("ConnectionStrings") || s.Key.StartsWith("Database") || s.Key.StartsWith("Storage")
            || s.Key.StartsWith("Downloads")).ToDictionary(s => s.Key, s => s.Value);
        await using var second = await StorefrontApp.StartAsync(Db.Postgres, shared);
        var token = new Uri(link).AbsolutePath;
        using var first = shop.App.CreateHttpClient();
        using var other = second.CreateHttpClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
            (await (i % 2 == 0 ? first : other).GetAsync(token)).StatusCode)));

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(27, statuses.Count(s => s == HttpStatusCode.Forbidden));
        shop.App.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheSameSignedEventDeliveredTenTimesAtOnceFulfilsOnceAndSendsOneEmail(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, mail);
        shop.Stripe.Options.WebhookUrl = null; // we deliver it ourselves, ten times
        await shop.BuyAsync("replay@example.com", "Zoë Ünïcode", openSuccessPage: false);
        var completed = shop.LastEvent("checkout.session.completed");
        var header = ShopWithStripe.Sign(completed);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => shop.DeliverAsync(completed, header))));
        await shop.WaitForOutboxAsync(1);
        await shop.WaitForOutboxDrainedAsync(); // a second, wrongly queued receipt has gone out by now

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync()));
        Assert.Equal(1, await mail.CountAsync(shop.ReceiptMessageId(order.Number)));
        var receipt = await mail.WaitForMessageAsync(shop.ReceiptMessageId(order.Number));
        Assert.Contains("Zoë Ünïcode", receipt.GetProperty("to")[0].GetProperty("name").GetString());
        shop.App.Logs.AssertNoErrors();
    }

    public static TheoryData<Db, string, Func<string, string?>, Func<string, string>> Forgeries
    {
        get
        {
            var data = new TheoryData<Db, string, Func<string, string?>, Func<string, string>>();
            foreach (var db in new[] { Db.Sqlite, Db.Postgres })
            {
                foreach (var (name, header, body) in ForgeryCases)
                {
                    data.Add(db, name, header, body);
                }
            }

            return data;
        }
    }

    private static readonly (string Name, Func<string, string?> Header, Func<string, string> Body)[] ForgeryCases =
    [
        ("tampered body", json => ShopWithStripe.Sign(json), json => json.Replace("\"paid\"", "\"paid\" ")),
        ("wrong secret", json => ShopWithStripe.Sign(json, "whsec_someone_else"), json => json),
        ("stale timestamp", json => ShopWithStripe.Sign(json, at: DateTimeOffset.UtcNow.AddMinutes(-6)), json => json),
        ("timestamp from the future", json => ShopWithStripe.Sign(json, at: DateTimeOffset.UtcNow.AddMinutes(6)), json => json),
        ("missing header", _ => null, json => json),
        ("garbled header", _ => "t=abc,v1=zz", json => json),
        ("v0 scheme only", json => ShopWithStripe.Sign(json).Replace("v1=", "v0="), json => json),
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task AForgedDeliveryIsRefusedWith400AndWritesNothing(Db db, string name, Func<string, string?> header, Func<string, string> body)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        shop.Stripe.Options.WebhookUrl = null;
        await shop.BuyAsync("forged@example.com", "F", openSuccessPage: false);
        var completed = shop.LastEvent("checkout.session.completed");

        var response = await shop.DeliverAsync(body(completed), header(completed), sign: false);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
        Assert.Equal(OrderStatus.Pending, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Storefront.Payments.Webhooks.StripeInboxEvent>().CountAsync()));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync()));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("1")]
    [InlineData("\"x\"")]
    [InlineData("true")]
    public async Task ASignedBodyThatIsJsonButNoObjectIsRefusedWith400AndWritesNothing(string body)
    {
        await using var shop = await ShopWithStripe.StartAsync();

        var response = await shop.DeliverAsync(body, ShopWithStripe.Sign(body), sign: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The event is not JSON", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Storefront.Payments.Webhooks.StripeInboxEvent>().CountAsync()));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task DuringASecretRotationBothTheOldAndTheNewSecretAreAccepted()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Stripe:PreviousWebhookSecret"] = "whsec_old_secret" });
        shop.Stripe.Options.WebhookUrl = null;
        await shop.BuyAsync("rotate@example.com", "R", openSuccessPage: false);
        var completed = shop.LastEvent("checkout.session.completed");

        var old = await shop.DeliverAsync(completed, ShopWithStripe.Sign(completed, "whsec_old_secret"));
        var current = await shop.DeliverAsync(completed, ShopWithStripe.Sign(completed));

        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Contains("duplicate", await current.Content.ReadAsStringAsync());
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
    }
}
