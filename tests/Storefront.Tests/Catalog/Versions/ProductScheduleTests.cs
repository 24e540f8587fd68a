using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Versions;
using Storefront.Core.Audit;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Versions;

/// <summary>
/// Publishing and unpublishing at set times, driven by handing the scheduler the time it is, so nothing waits on the clock;
/// with two instances on one database a time is applied once.
/// </summary>
public sealed class ProductScheduleTests
{
    private static readonly DateTime At = new(2030, 1, 1, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>The app's own loop stays out of the way: the test applies times itself.</summary>
    private static readonly Dictionary<string, string?> ManualSchedule = new() { ["Catalog:ScheduleInterval"] = "01:00:00" };

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AScheduledPublishAndUnpublishEachHappenAtTheirTimeAndOnlyOnce(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db, ManualSchedule);
        var shop = await VersionedShop.ForAsync(app, published: false);
        var product = await shop.ProductAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await shop.VisitAsync("/products/field-guide")).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await shop.ScheduleAsync(product.Id, "2030-01-01T10:00", "2030-01-02T10:00")).StatusCode);

        Assert.Equal(0, await shop.Scheduler.ApplyDueAsync(At.AddMinutes(-1), CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await shop.VisitAsync("/products/field-guide")).Status);
        Assert.Equal(1, await shop.Scheduler.ApplyDueAsync(At, CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await shop.VisitAsync("/products/field-guide")).Status);
        Assert.Equal(0, await shop.Scheduler.ApplyDueAsync(At.AddMinutes(5), CancellationToken.None));
        var published = (await shop.VersionsAsync(product.Id))[^1];
        Assert.Equal(("published", "schedule", 2), (published.Changes, published.Author, published.Number));

        Assert.Equal(1, await shop.Scheduler.ApplyDueAsync(At.AddDays(1), CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await shop.VisitAsync("/products/field-guide")).Status);
        Assert.False((await shop.ProductAsync()).Published);
        Assert.Equal(0, await shop.Scheduler.ApplyDueAsync(At.AddDays(2), CancellationToken.None));
        Assert.Equal(3, (await shop.VersionsAsync(product.Id)).Count);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ADraftScheduledToPublishGoesLiveAtItsTimeAndNotBefore()
    {
        await using var app = await StorefrontApp.StartAsync(Db.Sqlite, ManualSchedule);
        var shop = await VersionedShop.ForAsync(app);
        var product = await shop.ProductAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await shop.SaveDraftAsync(product, ("Price", "39.00"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await shop.ScheduleAsync(product.Id, "2030-01-01T10:00", "")).StatusCode);

        Assert.Equal(0, await shop.Scheduler.ApplyDueAsync(At.AddSeconds(-1), CancellationToken.None));
        Assert.Contains("$29.00", (await shop.VisitAsync("/products/field-guide")).Html);
        Assert.Equal(1, await shop.Scheduler.ApplyDueAsync(At, CancellationToken.None));

        Assert.Contains("$39.00", (await shop.VisitAsync("/products/field-guide")).Html);
        Assert.Equal((3900L, 3), ((await shop.ProductAsync()).PriceMinor, (await shop.ProductAsync()).LiveVersion));
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheRunningShopAppliesADueTimeByItself()
    {
        await using var app = await StorefrontApp.StartAsync(Db.Sqlite, new Dictionary<string, string?> { ["Catalog:ScheduleInterval"] = "00:00:00.300" });
        var shop = await VersionedShop.ForAsync(app, published: false);
        var product = await shop.ProductAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await shop.ScheduleAsync(product.Id, "2020-01-01T00:00", "")).StatusCode);

        await Eventually.HoldsAsync(async () => (await shop.VisitAsync("/products/field-guide")).Status == HttpStatusCode.OK,
            "the scheduled publish time being applied", seconds: 30);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WithTwoInstancesOnPostgresAScheduledPublishIsAppliedOnce()
    {
        await using var first = await StorefrontApp.StartAsync(Db.Postgres, ManualSchedule);
        await using var second = await StorefrontApp.StartAsync(Db.Postgres, new Dictionary<string, string?>(ManualSchedule)
        {
            ["ConnectionStrings:Storefront"] = first.Settings["ConnectionStrings:Storefront"],
            ["Database:Provider"] = first.Settings["Database:Provider"],
            ["Storage:Root"] = first.Settings["Storage:Root"],
        });
        var shop = await VersionedShop.ForAsync(first, published: false);
        var product = await shop.ProductAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await shop.ScheduleAsync(product.Id, "2030-01-01T10:00", "")).StatusCode);
        var schedulers = new[] { shop.Scheduler, second.Services.GetRequiredService<ProductScheduler>() };

        var applied = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => schedulers[i % 2].ApplyDueAsync(At, CancellationToken.None)));

        Assert.Equal(1, applied.Sum());
        Assert.Equal(["created", "published"], (await shop.VersionsAsync(product.Id)).Select(v => v.Changes));
        Assert.Equal(1, await first.WithDbAsync(d => d.Set<AuditEntry>().CountAsync(e => e.Action == "product.published")));
        using var visitor = second.CreateHttpClient();
        await Eventually.HoldsAsync(async () => (await visitor.GetAsync("/products/field-guide")).StatusCode == HttpStatusCode.OK,
            "the other instance showing the published product", seconds: 30);
        first.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AMalformedOrBackwardScheduleIsRefusedWithAClearMessageAndNothingIsScheduled()
    {
        await using var app = await StorefrontApp.StartAsync(Db.Sqlite, ManualSchedule);
        var shop = await VersionedShop.ForAsync(app, published: false);
        var product = await shop.ProductAsync();

        var malformed = await shop.ScheduleAsync(product.Id, "tomorrow", "");
        var backward = await shop.ScheduleAsync(product.Id, "2030-01-02T10:00", "2030-01-01T10:00");

        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.Contains("Enter the time to publish as a date and time in UTC", WebUtility.HtmlDecode(await malformed.Content.ReadAsStringAsync()));
        Assert.Contains("value=\"tomorrow\"", await malformed.Content.ReadAsStringAsync());
        Assert.Contains("Unpublish after the time it is published", WebUtility.HtmlDecode(await backward.Content.ReadAsStringAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<ProductSchedule>().CountAsync()));
        app.Logs.AssertNoErrors();
    }
}
