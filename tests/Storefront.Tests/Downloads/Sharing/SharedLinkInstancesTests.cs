using System.Net;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Downloads.Sharing;

/// <summary>Three instances of the shop on one PostgreSQL database, all delivering copies of one link at once.</summary>
public sealed class SharedLinkInstancesTests
{
    [Fact]
    public async Task ConcurrentCopiesThroughThreeInstancesRaiseOneFlagAndOneEmail()
    {
        await using var shared = await SharedPurchase.BoughtAsync(Db.Postgres);
        var first = shared.Shop.App;
        await using var second = await StorefrontApp.StartAsync(Db.Postgres, SharedPurchase.Settings(SameShop(first)));
        await using var third = await StorefrontApp.StartAsync(Db.Postgres, SharedPurchase.Settings(SameShop(first)));
        StorefrontApp[] instances = [first, second, third];

        var statuses = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(i => shared.DownloadFromAsync($"10.{i}.0.1", via: instances[i % instances.Length])));
        await shared.SettledAsync(second, third);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var flag = Assert.Single(await shared.FlagsAsync());
        Assert.Equal(1, flag.Round);
        Assert.Equal(1, await shared.QueuedEmailsAsync());
        await shared.Shop.WaitForOutboxDrainedAsync();
        Assert.Single(SharedPurchase.Emails(instances));
        Assert.All(instances, app => app.Logs.AssertNoErrors());
    }

    /// <summary>Another instance of the same shop: the same database and the same private masters, its own process and mail folder.</summary>
    private static Dictionary<string, string?> SameShop(StorefrontApp app) => new()
    {
        ["Database:Provider"] = app.Settings["Database:Provider"],
        ["ConnectionStrings:Storefront"] = app.Settings["ConnectionStrings:Storefront"],
        ["Storage:Root"] = app.Settings["Storage:Root"],
    };
}
