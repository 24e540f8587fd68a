using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Outbox;
using Storefront.Payments.Reconciliation;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary>
/// <c>/health/ready</c> tells an operator what the shop's background work is doing: the outbox's backlog and how far behind the
/// reconciliation sweep is, each Degraded (still 200, so the proxy keeps sending buyers) past its threshold.
/// </summary>
[Collection(nameof(MetricsMeasured))]
public sealed class ReadinessTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnOldUnsentEmailMakesTheShopDegradedAndShowsInTheOutboxFigures(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db, new Dictionary<string, string?>
        {
            ["Outbox:MaxBacklogAge"] = "00:30:00", ["Metrics:ScrapeToken"] = "a-scrape-token-for-the-operations-metrics",
        });
        var healthy = await ReadyAsync(app);
        Assert.Equal("Healthy", healthy.Status);
        Assert.Equal("No outbox messages are waiting.", healthy.Check("outbox").GetProperty("description").GetString());

        // A receipt that has failed for an hour and waits for its next retry: the mail server keeps refusing it.
        var now = DateTime.UtcNow;
        await app.WithDbAsync(d =>
        {
            d.Add(new OutboxMessage
            {
                Type = "payments.receipt", DeduplicationKey = "stuck", Payload = "{}", CreatedAt = now.AddHours(-1), AvailableAt = now.AddHours(1),
                Attempts = 4, LastError = "550 relay refused",
            });
            return d.SaveChangesAsync();
        });

        var degraded = await ReadyUntilAsync(app, r => r.Check("outbox").GetProperty("status").GetString() == "Degraded", "the outbox check degraded");
        Assert.Equal("Degraded", degraded.Status);
        var outbox = degraded.Check("outbox");
        Assert.StartsWith("1 outbox message(s) waiting; the oldest for 1 h.", outbox.GetProperty("description").GetString());
        Assert.Contains("Outbox__MaxBacklogAge (30 min)", outbox.GetProperty("description").GetString());
        Assert.Equal(1, outbox.GetProperty("data").GetProperty("count").GetInt32());
        Assert.InRange(outbox.GetProperty("data").GetProperty("oldestAgeSeconds").GetDouble(), 3590, 3700);
        var text = await OperationsMetricsTests.ScrapeAsync(app);
        Assert.Equal(1, OperationsMetricsTests.Value(text, "storefront_outbox_depth", ""));
        Assert.InRange(OperationsMetricsTests.Value(text, "storefront_outbox_oldest_age_seconds", "") ?? 0, 3590, 3700);
        Assert.Equal("Healthy", degraded.Check("database").GetProperty("status").GetString());
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ASweeperThatHasNotCompletedForLongerThanTheLimitMakesEveryInstanceDegraded(Db db)
    {
        var settings = new Dictionary<string, string?> { ["Reconciliation:MaxLag"] = "00:30:00" };
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: settings);
        var app = shop.App;
        var fresh = await ReadyAsync(app);
        Assert.Equal("Healthy", fresh.Check("reconciliation").GetProperty("status").GetString());
        Assert.StartsWith("No reconciliation sweep has completed yet", fresh.Check("reconciliation").GetProperty("description").GetString());

        // Another instance swept two hours ago and then stopped: its lease ran out long since.
        await app.WithDbAsync(async d =>
        {
            var leases = new Leases(d, TimeProvider.System);
            Assert.True(await leases.TryTakeAsync(ReconciliationSweeper.LeaseName, "gone-instance", TimeSpan.FromMinutes(1), CancellationToken.None));
            Assert.Equal(1, await leases.CompleteAsync(ReconciliationSweeper.LeaseName, "gone-instance", CancellationToken.None));
            return await d.Set<Lease>().ExecuteUpdateAsync(s => s
                .SetProperty(l => l.CompletedAt, DateTime.UtcNow.AddHours(-2)).SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddHours(-1)));
        });

        var behind = await ReadyUntilAsync(app, r => r.Check("reconciliation").GetProperty("status").GetString() == "Degraded", "the sweeper lag degraded");
        Assert.Equal("Degraded", behind.Status);
        Assert.StartsWith("The last reconciliation sweep completed 120 min ago.", behind.Check("reconciliation").GetProperty("description").GetString());
        Assert.Contains("Reconciliation__MaxLag (30 min)", behind.Check("reconciliation").GetProperty("description").GetString());

        // A second instance on the same database tells the same; a sweep by either brings both back.
        await using var other = await StorefrontApp.StartAsync(db, new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings:Storefront"] = app.Settings["ConnectionStrings:Storefront"], ["Database:Provider"] = app.Settings["Database:Provider"],
        });
        Assert.Equal("Degraded", (await ReadyAsync(other)).Check("reconciliation").GetProperty("status").GetString());
        Assert.Equal((0, 0), await app.Services.GetRequiredService<ReconciliationSweeper>().SweepOnceAsync(CancellationToken.None));
        foreach (var instance in new[] { app, other })
        {
            var back = await ReadyUntilAsync(instance, r => r.Status == "Healthy", "the sweeper lag healthy again");
            Assert.StartsWith("The last reconciliation sweep completed", back.Check("reconciliation").GetProperty("description").GetString());
        }

        app.Logs.AssertNoErrors();
        other.Logs.AssertNoErrors();
    }

    private sealed record Readiness(string Status, JsonElement Checks)
    {
        public JsonElement Check(string name) => Checks.GetProperty(name);
    }

    private static async Task<Readiness> ReadyAsync(StorefrontApp app)
    {
        using var client = app.CreateHttpClient();
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new Readiness(json.GetProperty("status").GetString()!, json.GetProperty("checks"));
    }

    private static async Task<Readiness> ReadyUntilAsync(StorefrontApp app, Func<Readiness, bool> holds, string what)
    {
        Readiness? last = null;
        await Eventually.HoldsAsync(async () => holds(last = await ReadyAsync(app)), what, seconds: 30);
        return last!;
    }
}
