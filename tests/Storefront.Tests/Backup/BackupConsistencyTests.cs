using Microsoft.EntityFrameworkCore;
using Storefront.Downloads.Entitlements;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Backup;

/// <summary>A backup taken while buyers pay is one moment of the shop: no paid order without what it granted.</summary>
public sealed class BackupConsistencyTests
{
    private const int Buyers = 4;

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ABackupTakenDuringAStreamOfPurchasesRestoresWithEveryPaidOrderGrantedExactlyOnce(Db db)
    {
        using var backup = new TempFolder();
        // Every buyer here shares the test's one address: the per-address checkout limit would stop the stream.
        var unlimited = new Dictionary<string, string?> { ["RateLimits:Checkout:PermitLimit"] = "100000" };
        await using (var shop = await ShopWithStripe.StartAsync(db, overrides: unlimited))
        {
            using var stop = new CancellationTokenSource();
            var buyers = Enumerable.Range(0, Buyers).Select(buyer => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    await shop.BuyAsync($"buyer{buyer}.{n}@example.com", $"Buyer {buyer}", openSuccessPage: false);
                }
            })).ToList();

            await Eventually.HoldsAsync(async () => await PaidAsync(shop.App) >= Buyers, "The first purchases being fulfilled", seconds: 30);
            var paidBefore = await PaidAsync(shop.App);
            var written = await shop.App.RunCliAsync("backup", backup.File("shop"));
            var paidAfter = await PaidAsync(shop.App);
            await stop.CancelAsync();
            await Task.WhenAll(buyers);

            Assert.True(written.ExitCode == 0, written.All);
            // The backup ran while orders were being fulfilled, not before or after the stream.
            Assert.True(paidAfter > paidBefore, $"No purchase was fulfilled while the backup ran ({paidBefore} paid before and after).");
        }

        await using var restored = await StorefrontApp.StartAsync(db);
        var restore = await restored.RunCliAsync("restore", backup.File("shop"));
        Assert.True(restore.ExitCode == 0, restore.All);

        var orders = await restored.WithDbAsync(d => d.Set<Order>().AsNoTracking().ToListAsync());
        var grants = await restored.WithDbAsync(d => d.Set<Entitlement>().AsNoTracking().ToListAsync());
        var paid = orders.Where(o => o.FulfilledAt is not null).ToList();
        Assert.True(paid.Count >= Buyers, $"The backup holds {paid.Count} paid order(s).");
        Assert.All(paid, order => Assert.Equal(OrderStatus.Paid, order.Status));
        Assert.All(paid, order => Assert.Single(grants, g => g.OrderId == order.Id));
        Assert.All(grants, grant => Assert.Contains(paid, order => order.Id == grant.OrderId));
        restored.Logs.AssertNoErrors();
    }

    private static Task<int> PaidAsync(StorefrontApp app) => app.WithDbAsync(d => d.Set<Order>().CountAsync(o => o.FulfilledAt != null));
}
