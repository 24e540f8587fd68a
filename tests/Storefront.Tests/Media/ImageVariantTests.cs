using System.Net;
using Storefront.Media.Variants;
using Storefront.Tests.Storage;

namespace Storefront.Tests.Media;

/// <summary>Resized variants on both blob stores: right widths and formats, made once, cached for a year, new addresses for a new image.</summary>
public sealed class ImageVariantTests
{
    public static TheoryData<Store> Stores => new() { Store.FileSystem, Store.S3 };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task EveryOfferedVariantDecodesToItsWidthInItsFormatAndIsServedForAYear(Store store)
    {
        await using var shop = await MediaShop.StartAsync(store: store);
        var asset = await shop.UploadedAsync(MediaFiles.Photo(1500, 1000), "harbour.jpg", "Boats in the harbour");
        using var anonymous = shop.App.CreateHttpClient();

        Assert.Equal((1500, 1000), (asset.Width, asset.Height));
        Assert.Equal([320, 640, 960, 1280, 1500], ImageVariants.WidthsFor(asset.Width));
        foreach (var width in ImageVariants.WidthsFor(asset.Width))
        {
            foreach (var (format, magic) in new[] { (VariantFormat.Webp, "webp"), (VariantFormat.Jpeg, "jpeg") })
            {
                using var response = await anonymous.GetAsync(ImageVariants.UrlFor(asset.Key, width, format));
                var bytes = await response.Content.ReadAsByteArrayAsync();

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(format.ContentType, response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
                Assert.Equal(magic, MediaFiles.Magic(bytes));
                Assert.Equal((width, (int)Math.Round(1000.0 * width / 1500)), MediaFiles.Decode(bytes));
            }
        }

        // Never upscaled, and no size that is not offered, so no one can make the shop render arbitrary widths.
        foreach (var width in new[] { 1920, 500, 3000 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(ImageVariants.UrlFor(asset.Key, width, VariantFormat.Webp))).StatusCode);
        }

        var variants = (await shop.PublicKeysAsync()).Where(k => k.StartsWith("variants/", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, variants.Count);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ConcurrentFirstRequestsForOneVariantGetTheSameBytesAndStoreItOnce(Store store)
    {
        await using var shop = await MediaShop.StartAsync(store: store);
        var asset = await shop.UploadedAsync(MediaFiles.Photo(1400, 900), "bench.jpg", "A workbench");
        var url = ImageVariants.UrlFor(asset.Key, 960, VariantFormat.Webp);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var client = shop.App.CreateHttpClient();
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync();
        }));

        Assert.All(answers, bytes => Assert.Equal(answers[0], bytes));
        Assert.Equal((960, 617), MediaFiles.Decode(answers[0]));
        var keys = await shop.PublicKeysAsync();
        Assert.Equal([$"variants/960/{asset.Key}.webp"], keys.Where(k => k.StartsWith("variants/", StringComparison.Ordinal)));
        // Nothing half-written is left behind by the racing requests.
        Assert.DoesNotContain(keys, k => k.EndsWith(".partial", StringComparison.Ordinal));
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AReplacedImageGetsNewVariantAddressesAndTheOldOnesAreGone()
    {
        await using var shop = await MediaShop.StartAsync();
        var asset = await shop.UploadedAsync(MediaFiles.Photo(800, 600), "shelf.jpg", "A shelf");
        using var anonymous = shop.App.CreateHttpClient();
        var oldUrl = ImageVariants.UrlFor(asset.Key, 640, VariantFormat.Jpeg);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(oldUrl)).StatusCode);

        var content = new MultipartFormDataContent
        {
            { new StringContent(await shop.Editor.TokenAsync($"/admin/media/{asset.Id}")), "__RequestVerificationToken" },
            { new StringContent("shelf.jpg"), "Name" },
            { new StringContent("A shelf, repainted"), "AltText" },
            { new ByteArrayContent(MediaFiles.Photo(700, 500)), "Replacement", "shelf-2.jpg" },
        };
        var posted = await shop.Editor.Client.PostAsync($"/admin/media/{asset.Id}", content);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var replaced = await shop.App.WithDbAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(d.Set<Storefront.Media.Library.MediaAsset>()));
        var newUrl = ImageVariants.UrlFor(replaced.Key, 640, VariantFormat.Jpeg);

        Assert.NotEqual(oldUrl, newUrl);
        Assert.Equal((700, 500), (replaced.Width, replaced.Height));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(oldUrl)).StatusCode);
        Assert.Equal((640, 457), MediaFiles.Decode(await anonymous.GetByteArrayAsync(newUrl)));
        Assert.DoesNotContain(await shop.PublicKeysAsync(), k => k.Contains(asset.Key, StringComparison.Ordinal));
        shop.App.Logs.AssertNoErrors();
    }
}
