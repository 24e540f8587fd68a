using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Media.Library;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

public sealed partial class ContentAdminTests
{
    private const string Hostile = "Hello <script>alert('x')</script> <img src=x onerror=alert(1)> [click](javascript:alert(2))";

    [Fact]
    public async Task MarkdownWithAScriptTagRendersInertInThePreviewAndOnTheProductPage()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        var master = await AdminRequests.UploadSampleMasterAsync(editor);
        AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Hostile Guide", published: true, masterKey: master, description: Hostile));

        var token = await editor.TokenAsync("/admin/products/new");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/markdown/preview")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["markdown"] = Hostile }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        var preview = await (await editor.Client.SendAsync(request)).Content.ReadAsStringAsync();
        var page = await editor.Client.GetStringAsync("/products/hostile-guide");

        foreach (var html in new[] { preview, page })
        {
            Assert.Contains("&lt;script&gt;", html);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=\"x\"", html);
            Assert.DoesNotContain("javascript:", html);
        }

        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task MarkdownNestedDeeperThanItRendersIsSavedShownAsTypedAndIndexedAgainAfterARestart()
    {
        // Markdig refuses nesting past its depth limit with an exception: the save, the page, the preview and the search
        // index rebuilt at the next start all met it, and the rebuild's failure stopped the shop.
        var deep = new string('>', 5000) + " deep quote";
        var emphasis = string.Concat(Enumerable.Repeat("*a **", 20000)) + " deep emphasis";
        using var folder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(Db.Sqlite, folder);
        await using (var app = await StorefrontApp.StartAsync(Db.Sqlite, shared, new TempFolder()))
        {
            var editor = await SignedInEditor.CreateAsync(app);
            var master = await AdminRequests.UploadSampleMasterAsync(editor);
            AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Deep Guide", published: true, masterKey: master, description: emphasis));
            var created = await editor.PostFormAsync("/admin/pages/new", new()
            {
                ["Input.Title"] = "Nested", ["Input.Slug"] = "nested", ["Input.Body"] = deep, ["Input.Published"] = "true", ["Input.Order"] = "1",
            });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

            Assert.Contains("deep quote", await editor.Client.GetStringAsync("/pages/nested"));
            Assert.Contains("deep emphasis", await editor.Client.GetStringAsync("/products/deep-guide"));
            using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/markdown/preview")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["markdown"] = deep }),
            };
            request.Headers.Add("RequestVerificationToken", await editor.TokenAsync("/admin/products/new"));
            var preview = await editor.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
            Assert.Contains("deep quote", await preview.Content.ReadAsStringAsync());
            app.Logs.AssertNoErrors();
            await app.WithDbAsync(context => context.Database.ExecuteSqlRawAsync("DELETE FROM catalog_search"));
        }

        await using var restarted = await StorefrontApp.StartAsync(Db.Sqlite, shared, new TempFolder());
        await Eventually.HoldsAsync(() => Task.FromResult(restarted.Logs.Lines.Any(l => l.Contains("Rebuilt the search index", StringComparison.Ordinal))),
            "the search index was rebuilt");
        using var visitor = restarted.CreateHttpClient();
        Assert.Contains("/pages/nested", await visitor.GetStringAsync("/search?q=quote"));
        restarted.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnImageCannotBeDeletedWhileAProductUsesItAsItsCover()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        var product = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Covered Guide", cover: TestRecipe.Png(32, 24)));
        var asset = await app.WithDbAsync(c => c.Set<MediaAsset>().SingleAsync());

        var refused = await editor.PostFormAsync($"/admin/media/{asset.Id}/delete", []);
        var message = WebUtility.HtmlDecode(await editor.Client.GetStringAsync($"/admin/media/{asset.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains($"“{asset.Name}” cannot be deleted: it is the cover of the product “Covered Guide”", message);
        Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync(asset.Url)).StatusCode);

        await editor.PostFormAsync($"/admin/products/{product}/delete", []);
        var deleted = await editor.PostFormAsync($"/admin/media/{asset.Id}/delete", []);

        Assert.Equal("/admin/media", deleted.Headers.Location!.OriginalString);
        Assert.Equal(0, await app.WithDbAsync(c => c.Set<MediaAsset>().CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync(asset.Url)).StatusCode);
        app.Logs.AssertNoErrors();
    }

    /// <summary>
    /// A file name with a space keeps it in its key: the library's address escapes it, so it works pasted into
    /// Markdown, and a page written either way keeps the image from being deleted.
    /// </summary>
    [Fact]
    public async Task AnImageNamedWithASpaceWorksPastedIntoAPageWhichThenKeepsItFromBeingDeleted()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        await PostImageAsync(editor, TestRecipe.Png(20, 10), "shop floor.png");
        var asset = await app.WithDbAsync(c => c.Set<MediaAsset>().SingleAsync());
        Assert.EndsWith("/shop%20floor.png", asset.Url, StringComparison.Ordinal);
        Assert.Contains(asset.Url, await editor.Client.GetStringAsync($"/admin/media/{asset.Id}"));

        foreach (var (slug, link) in new[] { ("pasted", asset.Url), ("typed", $"</media/{asset.Key}>") })
        {
            await editor.PostFormAsync("/admin/pages/new", new()
            {
                ["Input.Title"] = slug, ["Input.Slug"] = slug, ["Input.Body"] = $"![The shop floor]({link})", ["Input.Published"] = "true", ["Input.Order"] = "1",
            });
            var src = Regex.Match(await editor.Client.GetStringAsync($"/pages/{slug}"), "<img src=\"([^\"]+)\"").Groups[1].Value;
            Assert.Equal(HttpStatusCode.OK, (await editor.Client.GetAsync(WebUtility.HtmlDecode(src))).StatusCode);
        }

        await editor.PostFormAsync($"/admin/media/{asset.Id}/delete", []);
        var message = WebUtility.HtmlDecode(await editor.Client.GetStringAsync($"/admin/media/{asset.Id}"));
        Assert.Contains("cannot be deleted: it is the page “pasted”, the page “typed”", message);

        // Replacing the image repoints both pages, each link in the spelling it was written in.
        var replaced = await editor.Client.PostAsync($"/admin/media/{asset.Id}", new MultipartFormDataContent
        {
            { new StringContent(await editor.TokenAsync($"/admin/media/{asset.Id}")), "__RequestVerificationToken" },
            { new StringContent(asset.Name), "Name" },
            { new ByteArrayContent(TestRecipe.Png(30, 10)), "Replacement", "shop floor 2.png" },
        });
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var newKey = await app.WithDbAsync(c => c.Set<MediaAsset>().Select(a => a.Key).SingleAsync());
        Assert.NotEqual(asset.Key, newKey);
        var bodies = await app.WithDbAsync(c => c.Set<ContentPage>().OrderBy(p => p.Slug).Select(p => p.Body).ToListAsync());
        Assert.Equal([$"![The shop floor]({MediaUrl.For(newKey)})", $"![The shop floor](</media/{newKey}>)"], bodies);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task TheMediaLibraryJudgesUploadsByContentAndNeverListsMasters()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        await AdminRequests.UploadSampleMasterAsync(editor);

        var renamedPdf = await PostImageAsync(editor, File.ReadAllBytes(TestRecipe.SamplePdf), "photo.png");
        var png = await PostImageAsync(editor, TestRecipe.Png(16, 16), "diagram.png");

        Assert.Contains("was refused: The file is not a PNG, JPEG, GIF or WebP image.", WebUtility.HtmlDecode(await renamedPdf.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, png.StatusCode);
        var library = await editor.Client.GetStringAsync("/admin/media?q=diag");
        Assert.Contains("diagram.png", library);
        Assert.Contains("alt=\"A diagram\"", library);
        Assert.DoesNotContain("guide.pdf", await editor.Client.GetStringAsync("/admin/media"));
        Assert.DoesNotContain("diagram.png", await editor.Client.GetStringAsync("/admin/media?q=nothing-like-it"));
    }

    [Fact]
    public async Task PagesFromARecipeAndFromTheAdminAppearAtTheirAddressAndInTheStorefrontNavigation()
    {
        await using var app = await StorefrontApp.StartAsync();
        var recipe = new TestRecipe().Step(new()
        {
            ["name"] = "pages",
            ["pages"] = new System.Text.Json.Nodes.JsonArray(
                new System.Text.Json.Nodes.JsonObject { ["slug"] = "about", ["title"] = "About us", ["body"] = "We write **guides**." },
                new System.Text.Json.Nodes.JsonObject { ["slug"] = "secret", ["title"] = "Secret", ["body"] = "Draft", ["published"] = false }),
        }).WriteTo(app.Folder.Path);
        Assert.Equal(2, (await app.ImportAsync(recipe)).Changes);
        Assert.Equal(0, (await app.ImportAsync(recipe)).Changes);
        var editor = await SignedInEditor.CreateAsync(app);
        var created = await editor.PostFormAsync("/admin/pages/new", new()
        {
            ["Input.Title"] = "Refund policy", ["Input.Slug"] = "", ["Input.Body"] = "14 days.", ["Input.Published"] = "true", ["Input.Order"] = "5",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var home = await editor.Client.GetStringAsync("/");
        var about = await editor.Client.GetStringAsync("/pages/about");

        Assert.Equal(2, NavLinks().Matches(home).Count(m => m.Groups[1].Value == "/pages/about"));
        Assert.Contains("href=\"/pages/refund-policy\"", home);
        Assert.DoesNotContain("/pages/secret", home);
        Assert.Contains("<strong>guides</strong>", about);
        Assert.Single(Regex.Matches(about, "<h1"));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync("/pages/secret")).StatusCode);
        Assert.Equal(3, await app.WithDbAsync(c => c.Set<ContentPage>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("", "Enter a title of at most 200 characters.")]
    [InlineData("Refunds\u0001", "The title holds an invisible control character")]
    public async Task APageWithoutATitleIsRefusedWithAMessageAndItsBodyStays(string title, string message)
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);

        var response = await editor.PostFormAsync("/admin/pages/new", new()
        {
            ["Input.Title"] = title, ["Input.Slug"] = "", ["Input.Body"] = "Fourteen days, no questions.", ["Input.Order"] = "1",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("field-validation-error", html);
        Assert.Contains(message, html);
        Assert.Contains("Fourteen days, no questions.", html);
        Assert.Equal(0, await app.WithDbAsync(c => c.Set<ContentPage>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    private static async Task<HttpResponseMessage> PostImageAsync(SignedInEditor editor, byte[] bytes, string name)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(await editor.TokenAsync("/admin/media")), "__RequestVerificationToken" },
            { new StringContent("A diagram"), "AltText" },
            { new ByteArrayContent(bytes), "Upload", name },
        };
        return await editor.Client.PostAsync("/admin/media", content);
    }

    [GeneratedRegex("<a href=\"([^\"]+)\">")]
    private static partial Regex NavLinks();
}
