using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Audit;
using Storefront.Core.Outbox;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Payments.Webhooks;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// The inbox of Stripe events: each verified delivery is kept as it arrived before it is processed, a failure caused for real
/// (a table the fulfilment writes is missing) is kept, shown in the admin and retried until it succeeds, once; an event can be
/// processed again from the admin; a claim left by a dead instance is taken over; old processed events are deleted.
/// </summary>
public sealed partial class WebhookInboxTests
{
    private const string Completed = "checkout.session.completed";

    internal static readonly Dictionary<string, string?> QuickRetries = new()
    {
        ["Webhooks:Interval"] = "00:00:01", ["Webhooks:FirstRetryDelay"] = "00:00:01", ["Webhooks:MaxRetryDelay"] = "00:00:02",
        ["Webhooks:MaxAttempts"] = "100",
    };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnEventIsStoredByteForByteAsStripeDeliveredItAndProcessedFromThere(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);

        await shop.BuyAsync("stored@example.com", "Stored", openSuccessPage: false);
        await shop.WaitForDeliveryAsync(Completed);

        var delivered = shop.Stripe.State.Events.Last(e => e.Type == Completed);
        var stored = await shop.App.WithDbAsync(d => d.Set<StripeInboxEvent>().SingleAsync(e => e.Id == delivered.Id));
        Assert.Equal(delivered.Body, Encoding.UTF8.GetBytes(stored.Payload!));
        Assert.Equal((InboxStatus.Processed, 1, "fulfilled", null), (stored.Status, stored.Attempts, stored.Outcome, stored.LastError));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(delivered.Created).UtcDateTime, stored.EventCreatedAt);
        Assert.InRange(stored.ProcessedAt!.Value, stored.ReceivedAt, stored.ReceivedAt.AddMinutes(1));
        Assert.Equal(OrderStatus.Paid, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AFailedFulfilmentIsKeptAnsweredShownInTheAdminAndRetriedUntilItFulfilsOnce(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: QuickRetries);
        await BreakInvoicesAsync(shop);

        await shop.BuyAsync("retried@example.com", "Retried", openSuccessPage: false);

        // Stripe heard 2xx at the first attempt: the inbox owns the event from then on.
        await shop.WaitForDeliveryAsync(Completed);
        var delivery = shop.Stripe.State.Deliveries.Single(d => d.EventType == Completed);
        Assert.Equal(new[] { 200 }, delivery.Attempts.Select(a => a.Status ?? 0));
        var id = delivery.EventId;
        await Eventually.HoldsAsync(async () => await StoredAsync(shop, id) is { Attempts: >= 2, Status: InboxStatus.Failed },
            "the worker retrying the failed event", seconds: 30);
        // The next retry waits while the admin screen is read, so what it shows holds still.
        var later = DateTime.UtcNow.AddHours(1);
        await Eventually.HoldsAsync(async () => await RescheduleAsync(shop, later) == 1 && (await StoredAsync(shop, id)).NextAttemptAt > DateTime.UtcNow.AddMinutes(30),
            "the next retry put off", seconds: 30);
        var failed = await StoredAsync(shop, id);
        Assert.Equal(InboxStatus.Failed, failed.Status);
        Assert.Contains("invoices", failed.LastError);
        Assert.NotNull(failed.NextAttemptAt);
        Assert.Equal(OrderStatus.Pending, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));

        using (var admin = await AdminSession.SignInAsync(shop.App))
        {
            var list = await admin.GetStringAsync("/admin/webhooks?status=failed");
            Assert.Contains(id, list);
            Assert.Contains("Failed (1)", list);
            var detail = await admin.GetStringAsync($"/admin/webhooks/{id}");
            Assert.Contains("invoices", detail);
            Assert.Contains("Process again", detail);
            Assert.Contains("&quot;checkout.session.completed&quot;", detail);
        }

        await RepairInvoicesAsync(shop);
        await RescheduleAsync(shop, DateTime.UtcNow);

        await Eventually.HoldsAsync(async () => (await StoredAsync(shop, id)).Status == InboxStatus.Processed, "the worker fulfilling it", seconds: 30);
        Assert.Equal("fulfilled", (await StoredAsync(shop, id)).Outcome);
        await AssertFulfilledOnceAsync(shop);
        AssertOnlyTheBrokenTableFailed(shop);
    }

    [Fact]
    public async Task ProcessAgainInTheAdminRunsAFailedEventNowOnceAndIsAudited()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Webhooks:MaxAttempts"] = "1" });
        await BreakInvoicesAsync(shop);
        await shop.BuyAsync("again@example.com", "Again", openSuccessPage: false);
        await shop.WaitForDeliveryAsync(Completed);
        var id = shop.Stripe.State.Events.Last(e => e.Type == Completed).Id;
        var failed = await StoredAsync(shop, id);
        Assert.Equal((InboxStatus.Failed, 1, null), (failed.Status, failed.Attempts, failed.NextAttemptAt));
        await RepairInvoicesAsync(shop);
        using var admin = await AdminSession.SignInAsync(shop.App);

        var first = await ProcessAgainAsync(admin, id);
        var second = await ProcessAgainAsync(admin, id);

        Assert.Contains("Processed again: fulfilled.", first);
        Assert.Contains("Processed again: already fulfilled.", second);
        var stored = await StoredAsync(shop, id);
        Assert.Equal((InboxStatus.Processed, 3), (stored.Status, stored.Attempts));
        await AssertFulfilledOnceAsync(shop);
        var audits = await shop.App.WithDbAsync(d => d.Set<AuditEntry>().Where(a => a.Action == "webhook.reprocessed").ToListAsync());
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Equal($"stripe event {id}", a.Target));
        Assert.Contains(audits, a => a.Details == $"{Completed}: fulfilled");
        AssertOnlyTheBrokenTableFailed(shop);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TenConcurrentDeliveriesOfOneEventStoreOneRowProcessItOnceAndSendOneReceipt(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db);
        shop.Stripe.Options.WebhookUrl = null; // delivered ten times at once below
        await shop.BuyAsync("tenfold@example.com", "Tenfold", openSuccessPage: false);
        var completed = shop.LastEvent(Completed);
        var header = ShopWithStripe.Sign(completed);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => shop.DeliverAsync(completed, header))));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(bodies, b => b.Contains("\"fulfilled\"", StringComparison.Ordinal));
        Assert.Equal(9, bodies.Count(b => b.Contains("\"duplicate\"", StringComparison.Ordinal)));
        var stored = await shop.App.WithDbAsync(d => d.Set<StripeInboxEvent>().SingleAsync());
        Assert.Equal((InboxStatus.Processed, 1), (stored.Status, stored.Attempts));
        await AssertFulfilledOnceAsync(shop);
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TenDeliveriesOfOneEventSpreadOverTwoInstancesOnOnePostgresDatabaseFulfilOnce()
    {
        await using var shop = await ShopWithStripe.StartAsync(Db.Postgres);
        shop.Stripe.Options.WebhookUrl = null;
        await shop.BuyAsync("spread@example.com", "Spread", openSuccessPage: false);
        var shared = shop.App.Settings.Where(s => s.Key.StartsWith("ConnectionStrings", StringComparison.Ordinal)
            || s.Key.StartsWith("Database", StringComparison.Ordinal) || s.Key.StartsWith("Storage", StringComparison.Ordinal)
            || s.Key.StartsWith("Stripe", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value);
        await using var second = await StorefrontApp.StartAsync(Db.Postgres, shared);
        var completed = shop.LastEvent(Completed);
        var header = ShopWithStripe.Sign(completed);

        var bodies = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            using var client = (i % 2 == 0 ? shop.App : second).CreateHttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(completed, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        })));

        Assert.Single(bodies, b => b.Contains("\"fulfilled\"", StringComparison.Ordinal));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<StripeInboxEvent>().CountAsync()));
        await shop.WaitForOutboxDrainedAsync();
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "payments.receipt")));
        shop.App.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnEventLeftClaimedByAnInstanceThatDiedIsTakenOverOnceItsClaimLapses(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: QuickRetries);
        shop.Stripe.Options.WebhookUrl = null;
        await shop.BuyAsync("orphan@example.com", "Orphan", openSuccessPage: false);
        var evt = shop.Stripe.State.Events.Last(e => e.Type == Completed);
        // What an instance killed mid-webhook leaves: the event stored and claimed, its processing never finished.
        await shop.App.WithDbAsync(d =>
        {
            d.Add(new StripeInboxEvent
            {
                Id = evt.Id, Type = evt.Type, ReceivedAt = DateTime.UtcNow.AddMinutes(-1), Payload = evt.BodyText,
                EventCreatedAt = DateTimeOffset.FromUnixTimeSeconds(evt.Created).UtcDateTime, Status = InboxStatus.Processing, Attempts = 1,
                ClaimedUntil = DateTime.UtcNow.AddHours(1),
            });
            return d.SaveChangesAsync();
        });
        var worker = shop.App.Services.GetRequiredService<WebhookInboxWorker>();

        Assert.Equal(0, (await worker.RunOnceAsync(CancellationToken.None)).Attempted);
        Assert.Equal(OrderStatus.Pending, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));

        await shop.App.WithDbAsync(d => d.Set<StripeInboxEvent>().ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, DateTime.UtcNow.AddSeconds(-1))));

        await Eventually.HoldsAsync(async () => (await StoredAsync(shop, evt.Id)).Status == InboxStatus.Processed, "the worker taking the event over", seconds: 30);
        Assert.Equal((2, "fulfilled"), ((await StoredAsync(shop, evt.Id)).Attempts, (await StoredAsync(shop, evt.Id)).Outcome));
        await AssertFulfilledOnceAsync(shop);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task RetentionDeletesOldProcessedEventsAndKeepsFailedOnesWhateverTheirAge(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db, new Dictionary<string, string?> { ["Webhooks:Retention"] = "10.00:00:00" });
        var now = DateTime.UtcNow;
        StripeInboxEvent Event(string id, InboxStatus status, int daysAgo) => new()
        {
            Id = id, Type = "charge.refunded", ReceivedAt = now.AddDays(-daysAgo), EventCreatedAt = now.AddDays(-daysAgo), Status = status, Attempts = 1,
            ProcessedAt = status == InboxStatus.Processed ? now.AddDays(-daysAgo) : null, LastError = status == InboxStatus.Failed ? "it broke" : null,
        };
        await app.WithDbAsync(d =>
        {
            d.AddRange(Event("evt_old_processed", InboxStatus.Processed, 11), Event("evt_recent_processed", InboxStatus.Processed, 9),
                Event("evt_old_failed", InboxStatus.Failed, 40));
            return d.SaveChangesAsync();
        });

        await app.Services.GetRequiredService<WebhookInboxWorker>().RunOnceAsync(CancellationToken.None);

        var left = await app.WithDbAsync(d => d.Set<StripeInboxEvent>().Select(e => e.Id).OrderBy(i => i).ToListAsync());
        Assert.Equal(new[] { "evt_old_failed", "evt_recent_processed" }, left);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ARetentionUnderAWeekIsRefusedAtStartWithAClearMessage()
    {
        using var folder = new TempFolder();
        var result = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "serve"], folder.Path, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}",
            ["ConnectionStrings__Storefront"] = $"Data Source={folder.File("db.sqlite")}",
            ["Storage__Root"] = folder.File("storage"),
            ["Email__From"] = "shop@example.com",
            ["Webhooks__Retention"] = "3.00:00:00",
        }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Webhooks:Retention must be at least 7 days", result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }

    /// <summary>
    /// Sixty events, every other one failed, are listed twenty-five to a page, newest first: a later page shows its own
    /// events, and the status chosen stays on every page.
    /// </summary>
    [Fact]
    public async Task TheEventListPagesWithItsStatusKept()
    {
        await using var app = await StorefrontApp.StartAsync();

        // Without a body the worker never takes a failed event up, so the list holds still.
        await AdminPaging.AssertFilteredPagesAsync(app, "/admin/webhooks", "status=Failed", (number, at) => new StripeInboxEvent
        {
            Id = $"evt_paged_{number}", Type = "charge.refunded", ReceivedAt = at, EventCreatedAt = at, Attempts = 1,
            Status = number % 2 == 0 ? InboxStatus.Failed : InboxStatus.Processed, ProcessedAt = number % 2 == 0 ? null : at,
        }, Listed);
        app.Logs.AssertNoErrors();
    }

    /// <summary>Paid, one download right, one receipt queued and one sent, once anything wrongly queued would have gone out too.</summary>
    private static async Task AssertFulfilledOnceAsync(ShopWithStripe shop)
    {
        await shop.WaitForOutboxDrainedAsync();
        Assert.Equal(OrderStatus.Paid, await shop.App.WithDbAsync(d => d.Set<Order>().Select(o => o.Status).SingleAsync()));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<Entitlement>().CountAsync()));
        Assert.Equal(1, await shop.App.WithDbAsync(d => d.Set<OutboxMessage>().CountAsync(m => m.Type == "payments.receipt")));
        Assert.Single(Directory.GetFiles(shop.App.Folder.File("mail"), "receipt.*.eml"));
    }

    private static Task<StripeInboxEvent> StoredAsync(ShopWithStripe shop, string id) =>
        shop.App.WithDbAsync(d => d.Set<StripeInboxEvent>().AsNoTracking().SingleAsync(e => e.Id == id));

    private static Task<int> RescheduleAsync(ShopWithStripe shop, DateTime at) =>
        shop.App.WithDbAsync(d => d.Set<StripeInboxEvent>().Where(e => e.Status == InboxStatus.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, at)));

    private static async Task<string> ProcessAgainAsync(HttpClient admin, string id)
    {
        var posted = await AdminSession.PostFormAsync(admin, $"/admin/webhooks/{id}", new(), $"/admin/webhooks/{id}?handler=Process");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return await admin.GetStringAsync(posted.Headers.Location);
    }

    // A real failure on both databases: the fulfilment's transaction cannot write the invoice, so nothing of it is kept.
    private static Task BreakInvoicesAsync(ShopWithStripe shop) =>
        shop.App.WithDbAsync(d => d.Database.ExecuteSqlRawAsync("ALTER TABLE invoices RENAME TO invoices_away"));

    private static Task RepairInvoicesAsync(ShopWithStripe shop) =>
        shop.App.WithDbAsync(d => d.Database.ExecuteSqlRawAsync("ALTER TABLE invoices_away RENAME TO invoices"));

    /// <summary>The database's own complaints about the missing table are expected; nothing else may have gone wrong.</summary>
    private static void AssertOnlyTheBrokenTableFailed(ShopWithStripe shop) =>
        Assert.All(shop.App.Logs.Errors, e => Assert.Contains("invoices", e));

    private static List<long> Listed(string page) => EventRow().Matches(page).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("<th scope=\"row\"><a href=\"/admin/webhooks/evt_paged_(\\d+)\">")]
    private static partial Regex EventRow();
}
