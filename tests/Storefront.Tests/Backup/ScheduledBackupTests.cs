using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Payments.Orders;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Backup;

/// <summary>
/// <c>Backup__Interval</c> takes the <c>backup</c> command's backup on a schedule, one instance at a time, into a new folder
/// each time, keeping the newest <c>Backup__Keep</c>; the newest restores into an empty shop.
/// </summary>
public sealed class ScheduledBackupTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TwoInstancesBackUpInTurnKeepingTheNewestTwoAndTheNewestRestores(Db db)
    {
        using var backups = new TempFolder();
        var schedule = new Dictionary<string, string?>
        {
            ["Backup:Directory"] = backups.Path, ["Backup:Interval"] = "00:00:01", ["Backup:Keep"] = "2",
        };
        Order order;
        int written;
        await using (var shop = await ShopWithStripe.StartAsync(db, overrides: schedule))
        {
            await shop.BuyAsync("scheduled@example.com", "Scheduled Backup", openSuccessPage: false);
            await Eventually.HoldsAsync(() => shop.App.WithDbAsync(d => d.Set<Order>().AnyAsync(o => o.Status == OrderStatus.Paid)), "the paid order");
            order = await shop.App.WithDbAsync(d => d.Set<Order>().SingleAsync());

            // A second instance on the same database and folder: the lease lets only one of them back up at a time.
            await using var other = await StorefrontApp.StartAsync(db, new Dictionary<string, string?>(schedule)
            {
                ["ConnectionStrings:Storefront"] = shop.App.Settings["ConnectionStrings:Storefront"],
                ["Database:Provider"] = shop.App.Settings["Database:Provider"], ["Storage:Root"] = shop.App.Settings["Storage:Root"],
            });
            await Eventually.HoldsAsync(() => Task.FromResult(Written(shop.App) + Written(other) >= 5), "five scheduled backups", seconds: 60);
            written = Written(shop.App) + Written(other);
            shop.App.Logs.AssertNoErrors();
            other.Logs.AssertNoErrors();
        }

        var complete = Directory.GetDirectories(backups.Path).Where(d => !d.EndsWith(".partial", StringComparison.Ordinal)).Order().ToList();
        Assert.True(written >= 5, $"{written} backups written");
        Assert.Equal(2, complete.Count);
        Assert.All(complete, folder => Assert.Matches(@"storefront-\d{8}T\d{6}Z(-\d+)?$", folder));
        Assert.All(complete, folder => Assert.True(File.Exists(Path.Combine(folder, "manifest.json")), folder));
        var newest = complete[^1];
        var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(newest, "manifest.json"))).RootElement;
        Assert.Equal(1, manifest.GetProperty("tables").GetProperty("orders").GetInt32());

        await using var restored = await StorefrontApp.StartAsync();
        var restore = await restored.RunCliAsync("restore", newest);
        Assert.True(restore.ExitCode == 0, restore.All);
        var back = await restored.WithDbAsync(d => d.Set<Order>().SingleAsync());
        Assert.Equal((order.Number, order.BuyerEmail, OrderStatus.Paid), (back.Number, back.BuyerEmail, back.Status));
        using var client = restored.CreateHttpClient();
        Assert.Contains("Field Guide", await client.GetStringAsync("/products/field-guide"));
        restored.Logs.AssertNoErrors();
    }

    private static int Written(StorefrontApp app) => app.Logs.Lines.Count(l => l.Contains("Scheduled backup written to", StringComparison.Ordinal));
}
