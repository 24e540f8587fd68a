using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Versions;

/// <summary>Every save keeps a version; a draft of a published product stays out of buyers' sight until it is published.</summary>
public sealed class ProductVersionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task EverySaveKeepsAVersionWithWhoWhenAndWhatChanged(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var shop = await VersionedShop.ForAsync(app);
        var product = await shop.ProductAsync();
        var before = DateTime.UtcNow.AddSeconds(-1);

        AdminRequests.SavedId(await shop.SaveAsync(product, ("Title", "Field Guide, Second Edition"), ("Price", "35.00")));
        AdminRequests.SavedId(await shop.SaveAsync(await shop.ProductAsync()));

        var versions = await shop.VersionsAsync(product.Id);
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal(("created", "system"), (versions[0].Changes, versions[0].Author));
        Assert.Equal("title, price", versions[1].Changes);
        Assert.Equal(shop.Editor.Email, versions[1].Author);
        Assert.InRange(versions[1].CreatedAt, before, DateTime.UtcNow.AddSeconds(1));
        Assert.False(versions[1].IsDraft);
        Assert.Equal(2, (await shop.ProductAsync()).LiveVersion);

        var history = WebUtility.HtmlDecode(await shop.Editor.Client.GetStringAsync($"/admin/products/{product.Id}/versions"));
        Assert.Contains("Published: buyers see version 2.", history);
        Assert.Contains("title, price", history);
        Assert.Contains(shop.Editor.Email, history);
        app.Logs.AssertNoErrors();
    }

    /// <summary>Tags change what buyers see when saved, so a draft that changes them is stopped with the typed tags kept.</summary>
    [Fact]
    public async Task ADraftThatChangesTagsIsStoppedWithWhatWasTypedKept()
    {
        await using var app = await StorefrontApp.StartAsync();
        var shop = await VersionedShop.ForAsync(app);
        var product = await shop.ProductAsync();

        var refused = await shop.SaveDraftAsync(product, ("Title", "Field Guide Revised"), ("Terms.Tags", "beginner, soldering"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Tags are not kept in drafts: Save changes it for buyers now", form);
        Assert.Contains("value=\"beginner, soldering\"", form);
        Assert.Contains("value=\"Field Guide Revised\"", form);
        Assert.Equal([1], (await shop.VersionsAsync(product.Id)).Select(v => v.Number));

        Assert.Equal(HttpStatusCode.Redirect, (await shop.SaveDraftAsync(product, ("Title", "Field Guide Revised"))).StatusCode);
        Assert.Equal([1, 2], (await shop.VersionsAsync(product.Id)).Select(v => v.Number));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ADraftOfAPublishedProductLeavesTheStorefrontAndItsPriceUnchangedUntilItIsPublished(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var shop = await VersionedShop.ForAsync(app);
        var product = await shop.ProductAsync();
        Assert.Contains("$29.00", (await shop.VisitAsync("/products/field-guide")).Html);

        var saved = await shop.SaveDraftAsync(product, ("Title", "Field Guide Revised"), ("Price", "39.00"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var live = await shop.ProductAsync();
        Assert.Equal(("Field Guide", 2900L, 1), (live.Title, live.PriceMinor, live.LiveVersion));
        var page = (await shop.VisitAsync("/products/field-guide")).Html;
        Assert.Contains("$29.00", page);
        Assert.DoesNotContain("Field Guide Revised", page);
        Assert.DoesNotContain("Field Guide Revised", (await shop.VisitAsync("/search?q=revised")).Html);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var forCheckout = await scope.ServiceProvider.GetRequiredService<ICatalogProducts>().FindPublishedAsync("field-guide", CancellationToken.None);
            Assert.Equal((2900L, 1), (forCheckout!.PriceMinor, forCheckout.Version));
        }

        var form = WebUtility.HtmlDecode(await shop.Editor.Client.GetStringAsync($"/admin/products/{product.Id}"));
        Assert.Contains("This form shows draft version 2 (title, price)", form);
        Assert.Contains("value=\"39.00\"", form);
        var preview = WebUtility.HtmlDecode(await shop.Editor.Client.GetStringAsync($"/admin/products/{product.Id}/preview"));
        Assert.Contains("Field Guide Revised", preview);
        Assert.Contains("$39.00", preview);
        Assert.Contains("This is draft version 2 (title, price). Buyers still see version 1.", preview);

        Assert.Equal(HttpStatusCode.Redirect, (await shop.PublishAsync(product.Id)).StatusCode);

        live = await shop.ProductAsync();
        Assert.Equal(("Field Guide Revised", 3900L, 3), (live.Title, live.PriceMinor, live.LiveVersion));
        page = (await shop.VisitAsync("/products/field-guide")).Html;
        Assert.Contains("Field Guide Revised", page);
        Assert.Contains("$39.00", page);
        Assert.Contains("Field Guide Revised", (await shop.VisitAsync("/search?q=revised")).Html);
        var versions = await shop.VersionsAsync(product.Id);
        Assert.Equal([(1, false), (2, true), (3, false)], versions.Select(v => (v.Number, v.IsDraft)));
        Assert.Equal("title, price", versions[2].Changes);
        Assert.DoesNotContain("draft-notice", await shop.Editor.Client.GetStringAsync($"/admin/products/{product.Id}"));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnEarlierVersionRestoredBecomesTheDraftAndPublishingItPutsItBackOnTheStorefront(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var shop = await VersionedShop.ForAsync(app);
        var product = await shop.ProductAsync();
        AdminRequests.SavedId(await shop.SaveAsync(product, ("Title", "Renamed Guide"), ("Description", "Rewritten.")));
        Assert.Contains("Renamed Guide", (await shop.VisitAsync("/products/field-guide")).Html);

        var restored = await shop.RestoreAsync(product.Id, 1);

        Assert.Equal($"/admin/products/{product.Id}", restored.Headers.Location?.OriginalString);
        var versions = await shop.VersionsAsync(product.Id);
        Assert.Equal((3, true, "restored version 1"), (versions[^1].Number, versions[^1].IsDraft, versions[^1].Changes));
        Assert.Contains("Renamed Guide", (await shop.VisitAsync("/products/field-guide")).Html);
        Assert.Contains("All about <strong>Field Guide</strong>", await shop.Editor.Client.GetStringAsync($"/admin/products/{product.Id}/preview"));

        Assert.Equal(HttpStatusCode.Redirect, (await shop.PublishAsync(product.Id)).StatusCode);

        var page = (await shop.VisitAsync("/products/field-guide")).Html;
        Assert.Contains("All about <strong>Field Guide</strong>", page);
        Assert.DoesNotContain("Renamed Guide", page);
        Assert.Equal((4, "title, description"), ((await shop.ProductAsync()).LiveVersion, (await shop.VersionsAsync(product.Id))[^1].Changes));

        var missing = await shop.RestoreAsync(product.Id, 99);
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("There is no version 99 of this product.", await missing.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ADraftWithABadPriceOrABundleChangeIsRefusedWithAClearMessageAndTheLiveProductKeepsItsPrice()
    {
        await using var app = await StorefrontApp.StartAsync();
        var shop = await VersionedShop.ForAsync(app);
        var product = await shop.ProductAsync();

        var badPrice = await shop.SaveDraftAsync(product, ("Price", "thirty"));
        var stock = await shop.SaveDraftAsync(product, ("Offer.Stock", "5"));

        Assert.Equal(HttpStatusCode.OK, badPrice.StatusCode);
        Assert.Contains("Enter the price as a number such as 29.00.", WebUtility.HtmlDecode(await badPrice.Content.ReadAsStringAsync()));
        Assert.Contains("use Save for them, not Save draft", WebUtility.HtmlDecode(await stock.Content.ReadAsStringAsync()));
        Assert.Equal([1], (await shop.VersionsAsync(product.Id)).Select(v => v.Number));
        Assert.Equal((2900L, (int?)null), ((await shop.ProductAsync()).PriceMinor, (await shop.ProductAsync()).StockLeft));
        app.Logs.AssertNoErrors();
    }
}
