using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary>
/// The sales figures on <c>/metrics</c> while a real purchase runs through the shop and the Stripe emulator: orders by state
/// as they change, each fulfilment counted once by what settled it, the reconciliation sweep's runs and repairs.
/// </summary>
[Collection(nameof(MetricsMeasured))]
public sealed partial class OperationsMetricsTests
{
    private const string ScrapeToken = "a-scrape-token-for-the-operations-metrics";

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task OrdersByStateFollowAPurchaseAndItsWebhookIsCountedOnce(Db db)
    {
        await using var shop = await ShopWithStripe.StartAsync(db, overrides: new Dictionary<string, string?> { ["Metrics:ScrapeToken"] = ScrapeToken });
        shop.Stripe.Options.WebhookUrl = null;
        await shop.BuyAsync("metrics@example.com", "Metrics Buyer", openSuccessPage: false);

        await ScrapeUntilAsync(shop.App, text => Value(text, "storefront_orders", "state=\"pending\"") == 1 && Value(text, "storefront_orders", "state=\"paid\"") == 0,
            "one pending order, none paid");
        Assert.Null(Value(await ScrapeAsync(shop.App), "storefront_fulfilments_total", "via=\"webhook\""));

        var completed = shop.LastEvent("checkout.session.completed");
        Assert.True((await shop.DeliverAsync(completed)).IsSuccessStatusCode);
        Assert.True((await shop.DeliverAsync(completed)).IsSuccessStatusCode);

        var text = await ScrapeUntilAsync(shop.App,
            t => Value(t, "storefront_orders", "state=\"paid\"") == 1 && Value(t, "storefront_orders", "state=\"pending\"") == 0, "the order counted as paid");
        Assert.Equal(1, Value(text, "storefront_fulfilments_total", "via=\"webhook\""));
        Assert.Null(Value(text, "storefront_fulfilments_total", "via=\"sweeper\""));
        Assert.Equal(0, Value(text, "storefront_orders", "state=\"refunded\""));
        await shop.WaitForOutboxDrainedAsync();
        await ScrapeUntilAsync(shop.App, t => Value(t, "storefront_outbox_depth", "") == 0, "the drained outbox");
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheSweepersRunsAndWhatItRepairedAreCounted()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Metrics:ScrapeToken"] = ScrapeToken, ["Reconciliation:Interval"] = "00:00:01",
        });
        shop.Stripe.Options.WebhookUrl = null;
        await shop.BuyAsync("swept@example.com", "Swept", openSuccessPage: false);

        var text = await ScrapeUntilAsync(shop.App, t => Value(t, "storefront_fulfilments_total", "via=\"sweeper\"") == 1, "the sweeper's fulfilment");
        Assert.Equal(1, Value(text, "storefront_reconciliation_repairs_total", "kind=\"fulfilled\""));
        Assert.Null(Value(text, "storefront_fulfilments_total", "via=\"webhook\""));
        Assert.True(Value(text, "storefront_reconciliation_runs_total", "") >= 1);
        await ScrapeUntilAsync(shop.App, t => Value(t, "storefront_reconciliation_runs_total", "") >= 3, "further sweeps counted");

        // A buyer who gave up: once older than any Checkout Session, a sweep closes the order and counts an expiry.
        await shop.BuyAsync("gone@example.com", "Gone Away", action: "decline", openSuccessPage: false);
        await shop.App.WithDbAsync(d => d.Set<Order>().Where(o => o.Status == OrderStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, DateTime.UtcNow.AddDays(-2))));
        text = await ScrapeUntilAsync(shop.App, t => Value(t, "storefront_reconciliation_repairs_total", "kind=\"expired\"") == 1, "the closed order");
        Assert.Equal(1, Value(text, "storefront_fulfilments_total", "via=\"sweeper\""));
        // The order gauges are counted at most every few seconds: the closing shows within that.
        await ScrapeUntilAsync(shop.App, t => Value(t, "storefront_orders", "state=\"closed\"") == 1, "the closed order among the orders");
        shop.App.Logs.AssertNoErrors();
    }

    internal static async Task<string> ScrapeAsync(StorefrontApp app)
    {
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    internal static async Task<string> ScrapeUntilAsync(StorefrontApp app, Func<string, bool> holds, string what)
    {
        var text = "";
        await Eventually.HoldsAsync(async () => holds(text = await ScrapeAsync(app)), what, seconds: 30);
        return text;
    }

    /// <summary>The value of the one series of <paramref name="metric"/> whose labels contain <paramref name="label"/>, or null.</summary>
    internal static double? Value(string text, string metric, string label)
    {
        foreach (Match line in Series().Matches(text))
        {
            if (line.Groups["name"].Value == metric && line.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                return double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+|NaN)( \d+)?$", RegexOptions.Multiline)]
    private static partial Regex Series();
}
