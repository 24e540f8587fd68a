using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Media.Library;
using Storefront.Media.Variants;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Media;

/// <summary>A cover needs alt text to be published; the storefront shows it in a responsive picture with that text.</summary>
public sealed class CoverAltTextTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task APublishedCoverNeedsAltTextWhichThePictureOnTheProductPageAndListThenCarries(Db db)
    {
        await using var shop = await MediaShop.StartAsync(db);
        var master = await AdminRequests.UploadSampleMasterAsync(shop.Editor);

        var refused = await SaveAsync(shop, master, altText: "");
        var form = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Describe the cover in “Cover alt text” before publishing", form);
        Assert.Equal(0, await shop.App.WithDbAsync(d => d.Set<MediaAsset>().CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(shop, master, altText: "A scope trace of a CAN frame")).StatusCode);
        var asset = await shop.App.WithDbAsync(d => d.Set<MediaAsset>().AsNoTracking().SingleAsync());
        using var anonymous = shop.App.CreateHttpClient();
        var page = await anonymous.GetStringAsync("/products/scope-guide");
        var list = await anonymous.GetStringAsync("/");

        Assert.Equal(("A scope trace of a CAN frame", 1600, 1200), (asset.AltText, asset.Width, asset.Height));
        foreach (var html in new[] { page, list })
        {
            Assert.Contains($"<source type=\"image/webp\" srcset=\"{ImageVariants.SrcSet(asset.Key, [320, 640, 960, 1280, 1600], VariantFormat.Webp)}\"", html);
            Assert.Contains($"srcset=\"{ImageVariants.SrcSet(asset.Key, [320, 640, 960, 1280, 1600], VariantFormat.Jpeg)}\"", html);
            Assert.Contains("alt=\"A scope trace of a CAN frame\"", html);
            Assert.Contains("width=\"1600\" height=\"1200\"", html);
        }

        Assert.Contains("<meta property=\"og:image:alt\" content=\"A scope trace of a CAN frame\" />", page);
        shop.App.Logs.AssertNoErrors();
    }

    /// <summary>Images stored before alt text and sizes were required keep working: the title stands in, the original is shown.</summary>
    [Fact]
    public async Task AnOlderCoverWithoutAltTextOrSizeShowsTheProductTitleAndTheOriginal()
    {
        await using var shop = await MediaShop.StartAsync();
        var master = await AdminRequests.UploadSampleMasterAsync(shop.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(shop, master, altText: "Soon forgotten")).StatusCode);
        var key = await shop.App.WithDbAsync(d => d.Set<MediaAsset>().Select(a => a.Key).SingleAsync());
        // As migration 0051 leaves an image stored before it: no alt text, size unknown. The page was never served, so no cache holds it.
        await shop.App.WithDbAsync(d => d.Set<MediaAsset>().ExecuteUpdateAsync(s => s.SetProperty(a => a.AltText, "").SetProperty(a => a.Width, 0).SetProperty(a => a.Height, 0)));

        using var anonymous = shop.App.CreateHttpClient();
        var page = await anonymous.GetStringAsync("/products/scope-guide");

        Assert.Contains($"<img class=\"product__cover\" src=\"{Storefront.Core.Content.MediaUrl.For(key)}\" alt=\"Scope Guide\"", page);
        Assert.DoesNotContain("<picture>", page);
        shop.App.Logs.AssertNoErrors();
    }

    private static async Task<HttpResponseMessage> SaveAsync(MediaShop shop, string master, string altText)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(await shop.Editor.TokenAsync("/admin/products/new")), "__RequestVerificationToken" },
            { new StringContent("Scope Guide"), "Input.Title" },
            { new StringContent(""), "Input.Slug" },
            { new StringContent("Traces."), "Input.Description" },
            { new StringContent("19.00"), "Input.Price" },
            { new StringContent("usd"), "Input.Currency" },
            { new StringContent("true"), "Input.Published" },
            { new StringContent(master), "Input.MasterKey" },
            { new StringContent("guide.pdf"), "Input.MasterFileName" },
            { new StringContent(altText), "Input.CoverAltText" },
            { new ByteArrayContent(MediaFiles.Photo(1600, 1200)), "Cover", "scope.jpg" },
        };
        return await shop.Editor.Client.PostAsync("/admin/products/new", content);
    }
}
