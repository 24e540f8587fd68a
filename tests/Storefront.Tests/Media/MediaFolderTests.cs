using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Media.Library;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Media;

/// <summary>Folders and alt text through the admin's own forms, on both databases.</summary>
public sealed class MediaFolderTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task AnEditorFilesImagesInNestedFoldersRenamesMovesAndDeletesOnlyEmptyFolders(Db db)
    {
        await using var shop = await MediaShop.StartAsync(db);
        var photos = await CreateFolderAsync(shop, null, "Photos");
        var harbour = await CreateFolderAsync(shop, photos, "Harbour");
        var duplicate = await PostAsync(shop, $"/admin/media?handler=Folder&folder={photos}", new() { ["NewFolder"] = "harbour" });
        Assert.Contains("This folder already holds a folder named “harbour”.", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()));

        var boats = await shop.UploadedAsync(MediaFiles.Photo(400, 300), "boats.jpg", "Boats at dawn", harbour);
        var loose = await shop.UploadedAsync(TestRecipe.Png(30, 20), "loose.png", "A loose diagram");
        var page = WebUtility.HtmlDecode(await shop.Editor.Client.GetStringAsync($"/admin/media?folder={harbour}"));
        var top = await shop.Editor.Client.GetStringAsync("/admin/media");

        Assert.Equal(harbour, boats.FolderId);
        Assert.Contains("<a href=\"/admin/media\">Media</a>", page);
        Assert.Contains($"<a href=\"/admin/media?folder={photos}\">Photos</a>", page);
        Assert.Contains("<span aria-current=\"location\">Harbour</span>", page);
        Assert.Contains($"href=\"/admin/media/{boats.Id}\"", page);
        Assert.DoesNotContain($"href=\"/admin/media/{loose.Id}\"", page);
        Assert.Contains("400 × 300 px", page);
        Assert.Contains($"href=\"/admin/media/{loose.Id}\"", top);
        Assert.DoesNotContain($"href=\"/admin/media/{boats.Id}\"", top);

        var notEmpty = await PostAsync(shop, $"/admin/media/folders/{photos}?handler=Delete", []);
        Assert.Contains("“Photos” is not empty: it holds 0 image(s) and 1 folder(s).", WebUtility.HtmlDecode(await notEmpty.Content.ReadAsStringAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(shop, $"/admin/media/folders/{harbour}", new() { ["Name"] = "Harbour at dawn" })).StatusCode);
        var move = await PostAsync(shop, $"/admin/media?handler=Move&folder={harbour}", new() { ["Selected"] = boats.Id.ToString(), ["MoveTo"] = photos.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, move.StatusCode);
        Assert.Contains("1 image was moved to “Photos”.", WebUtility.HtmlDecode(await shop.Editor.Client.GetStringAsync(move.Headers.Location!.OriginalString)));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(shop, $"/admin/media/folders/{harbour}?handler=Delete", [])).StatusCode);

        var folders = await shop.App.WithDbAsync(d => d.Set<MediaFolder>().AsNoTracking().ToListAsync());
        var moved = await shop.App.WithDbAsync(d => d.Set<MediaAsset>().AsNoTracking().SingleAsync(a => a.Id == boats.Id));
        Assert.Equal(["Photos"], folders.Select(f => f.Name));
        Assert.Equal((photos, boats.Key), (moved.FolderId, moved.Key));
        // Filing never changes where an image is served.
        Assert.Equal(HttpStatusCode.OK, (await shop.App.CreateHttpClient().GetAsync(moved.Url)).StatusCode);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task AltTextAndFolderSetOnTheEditFormAreKeptAndShown(Db db)
    {
        await using var shop = await MediaShop.StartAsync(db);
        var folder = await CreateFolderAsync(shop, null, "Diagrams");
        var asset = await shop.UploadedAsync(TestRecipe.Png(64, 48), "wiring.png");
        Assert.Contains("No alt text", await shop.Editor.Client.GetStringAsync("/admin/media"));

        var saved = await PostAsync(shop, $"/admin/media/{asset.Id}", new()
        {
            ["Name"] = "wiring.png", ["AltText"] = "  Wiring of the bench supply  ", ["FolderId"] = folder.ToString(),
        });
        var edit = WebUtility.HtmlDecode(await shop.Editor.Client.GetStringAsync($"/admin/media/{asset.Id}"));
        var stored = await shop.App.WithDbAsync(d => d.Set<MediaAsset>().AsNoTracking().SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(("Wiring of the bench supply", folder), (stored.AltText, stored.FolderId));
        Assert.Contains("value=\"Wiring of the bench supply\"", edit);
        Assert.Contains($"<option value=\"{folder}\" selected=\"selected\">Diagrams</option>", edit);
        Assert.Contains("64 × 48 px", edit);
        shop.App.Logs.AssertNoErrors();
    }

    private static async Task<Guid> CreateFolderAsync(MediaShop shop, Guid? parent, string name)
    {
        var path = parent is null ? "/admin/media?handler=Folder" : $"/admin/media?handler=Folder&folder={parent}";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(shop, path, new() { ["NewFolder"] = name })).StatusCode);
        return await shop.App.WithDbAsync(d => d.Set<MediaFolder>().Where(f => f.Name == name && f.ParentId == parent).Select(f => f.Id).SingleAsync());
    }

    private static Task<HttpResponseMessage> PostAsync(MediaShop shop, string path, Dictionary<string, string> fields) =>
        shop.Editor.PostFormAsync(path, fields, formPage: "/admin/media");
}
