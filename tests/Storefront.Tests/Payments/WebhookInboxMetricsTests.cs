using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>The inbox's figures at <c>/metrics</c>: counted exactly, so measured with no other shop in the process.</summary>
[Collection(nameof(MetricsMeasured))]
public sealed class WebhookInboxMetricsTests
{
    private const string Completed = "checkout.session.completed";

    [Fact]
    public async Task TheInboxFiguresAppearAtMetrics()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: WebhookInboxTests.QuickRetries);
        await shop.BuyAsync("counted@example.com", "Counted", openSuccessPage: false);
        await shop.WaitForDeliveryAsync(Completed);
        await shop.DeliverAsync(shop.LastEvent(Completed));
        using var admin = await AdminSession.SignInAsync(shop.App);

        var text = "";
        await Eventually.HoldsAsync(async () =>
        {
            text = await admin.GetStringAsync("/metrics");
            return text.Contains("storefront_webhooks_inbox_depth", StringComparison.Ordinal) && text.Contains("outcome=\"duplicate\"", StringComparison.Ordinal);
        }, "the inbox's figures in the metrics", seconds: 30);

        Assert.Matches("storefront_webhooks_received_total\\{[^}]*type=\"checkout.session.completed\"[^}]*\\} 2", text);
        Assert.Matches("storefront_webhooks_processed_total\\{[^}]*outcome=\"processed\"[^}]*\\} 1", text);
        Assert.Contains("storefront_webhooks_lag_seconds_bucket", text);
        Assert.Matches("storefront_webhooks_inbox_depth\\{[^}]*status=\"failed\"[^}]*\\} 0", text);
        Assert.Matches("storefront_webhooks_inbox_depth\\{[^}]*status=\"pending\"[^}]*\\} 0", text);
        shop.App.Logs.AssertNoErrors();
    }
}
