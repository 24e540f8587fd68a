using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Media.Library;
using Storefront.Tests.Admin;

namespace Storefront.Tests.Media;

/// <summary>Files the library refuses at upload, by their bytes and their header: a clear message, nothing stored.</summary>
public sealed class ImageUploadLimitTests
{
    public static TheoryData<string, string, string> Refused => new()
    {
        // 10000 × 6000 is 60 megapixels in a file of a few hundred kilobytes: refused from its header, never decoded.
        { "huge", "panorama.png", "“panorama.png” was refused: The image is 10000 × 6000 pixels (60 megapixels); images may have at most 50 megapixels." },
        { "text", "notes.png", "“notes.png” was refused: The file is not a PNG, JPEG, GIF or WebP image." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task AFileThatIsTooLargeOrNoImageIsRefusedWithTheReasonAndNothingIsStored(string kind, string fileName, string message)
    {
        await using var shop = await MediaShop.StartAsync();
        var bytes = kind == "huge" ? MediaFiles.HugePng(10_000, 6_000) : MediaFiles.NotAnImage;
        Assert.True(bytes.Length < 1024 * 1024);

        var response = await shop.UploadAsync(bytes, fileName, "Anything");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page);
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<MediaAsset>().CountAsync()));
        Assert.Empty(await shop.PublicKeysAsync());
        shop.App.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AFileOverTheByteLimitIsRefusedByItsLengthAndAHugeCoverIsRefusedAtTheProductForm()
    {
        await using var shop = await MediaShop.StartAsync();
        var photo = MediaFiles.Photo(1200, 800);

        var cover = await AdminRequests.SaveProductAsync(shop.Editor, "Panorama Guide", cover: MediaFiles.HugePng(10_000, 6_000));
        var coverPage = WebUtility.HtmlDecode(await cover.Content.ReadAsStringAsync());
        await using var small = await MediaShopWithLimit(photo.Length - 1);
        var refused = WebUtility.HtmlDecode(await (await small.UploadAsync(photo, "photo.jpg")).Content.ReadAsStringAsync());

        Assert.Contains("The cover was refused: The image is 10000 × 6000 pixels (60 megapixels)", coverPage);
        Assert.Contains("“photo.jpg” was refused: The file is 0.", refused);
        Assert.Contains("images may be at most 0.", refused);
        Assert.Empty(await shop.PublicKeysAsync());
        Assert.Empty(await small.PublicKeysAsync());
        shop.App.Logs.AssertNoErrors();
        small.App.Logs.AssertNoErrors();
    }

    private static Task<MediaShop> MediaShopWithLimit(long maxBytes) => MediaShop.StartAsync(settings: new() { ["Media:MaxUploadBytes"] = maxBytes.ToString() });
}
