using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Catalog.Versions;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Versions;

/// <summary>Every save of a page keeps a version; an earlier one opens in the form and becomes the page only when saved there.</summary>
public sealed class PageVersionTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task EverySaveKeepsAVersionAndAnEarlierOneComesBackOnlyWhenSaved(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var editor = await SignedInEditor.CreateAsync(app);
        var created = await editor.PostFormAsync("/admin/pages/new", Form("About us", "about", "We print **field guides**.", order: 1));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/').Last());
        var path = $"/admin/pages/{id}";

        await editor.PostFormAsync(path, Form("About the shop", "about", "We print and bind **field guides**.\n\nSince 2019.", order: 1));
        await editor.PostFormAsync(path, Form("About the shop", "about", "We print and bind **field guides**.\n\nSince 2019.", order: 4));
        // The form's own round trip (a textarea posts CRLF) changes nothing, so it keeps no version.
        await editor.PostFormAsync(path, Form("About the shop", "about", "We print and bind **field guides**.\r\n\r\nSince 2019.", order: 4));

        var versions = await VersionsAsync(app, id);
        Assert.Equal([(1, "created"), (2, "title, body"), (3, "position")], versions.Select(v => (v.Number, v.Changes)));
        Assert.All(versions, v => Assert.Equal(editor.Email, v.Author));
        var history = WebUtility.HtmlDecode(await editor.Client.GetStringAsync($"{path}/versions"));
        Assert.Contains("3 (current)", history);
        Assert.Contains("title, body", history);
        Assert.Contains($"href=\"{path}?version=1\"", history);
        Assert.DoesNotContain($"href=\"{path}?version=3\"", history);

        var opened = WebUtility.HtmlDecode(await editor.Client.GetStringAsync($"{path}?version=1"));
        Assert.Contains("The form shows version 1 of this page.", opened);
        Assert.Contains("value=\"About us\"", opened);
        Assert.Contains("We print **field guides**.", opened);
        Assert.Contains("value=\"1\"", opened);
        Assert.Contains("and bind", await editor.Client.GetStringAsync("/pages/about"));
        Assert.Equal(3, (await VersionsAsync(app, id)).Count);

        var saved = await editor.PostFormAsync(path, Form("About us", "about", "We print **field guides**.", order: 1), $"{path}?version=1");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.DoesNotContain("and bind", await editor.Client.GetStringAsync("/pages/about"));
        Assert.Equal((4, "title, body, position"), (await VersionsAsync(app, id)).Select(v => (v.Number, v.Changes)).Last());

        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync($"{path}?version=99")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync($"/admin/pages/{Guid.NewGuid()}/versions")).StatusCode);

        await editor.PostFormAsync($"{path}/delete", []);
        Assert.Empty(await VersionsAsync(app, id));
        app.Logs.AssertNoErrors();
    }

    private static Dictionary<string, string> Form(string title, string slug, string body, int order) => new()
    {
        ["Input.Title"] = title, ["Input.Slug"] = slug, ["Input.Body"] = body, ["Input.Published"] = "true", ["Input.Order"] = order.ToString(),
    };

    private static Task<List<PageVersion>> VersionsAsync(StorefrontApp app, Guid id) =>
        app.WithDbAsync(db => db.Set<PageVersion>().AsNoTracking().Where(v => v.PageId == id).OrderBy(v => v.Number).ToListAsync());
}
