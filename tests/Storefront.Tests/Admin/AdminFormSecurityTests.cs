using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Media.Library;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Admin;

public sealed partial class AdminFormSecurityTests
{
    [Fact]
    public async Task EveryContentFormCarriesAnAntiforgeryTokenAndAPostWithoutOneIsRefused()
    {
        await using var app = await StorefrontApp.StartAsync();
        var editor = await SignedInEditor.CreateAsync(app);
        var product = AdminRequests.SavedId(await AdminRequests.SaveProductAsync(editor, "Guarded Guide", cover: TestRecipe.Png(8, 8)));
        var page = AdminRequests.SavedId(await editor.PostFormAsync("/admin/pages/new", new() { ["Input.Title"] = "About", ["Input.Body"] = "x" }));
        var asset = await app.WithDbAsync(c => c.Set<MediaAsset>().SingleAsync());
        string[] forms =
        [
            "/admin/products/new", $"/admin/products/{product}", $"/admin/products/{product}/delete",
            "/admin/pages/new", $"/admin/pages/{page}", $"/admin/pages/{page}/delete",
            "/admin/media", $"/admin/media/{asset.Id}", $"/admin/media/{asset.Id}/delete",
        ];

        foreach (var path in forms)
        {
            var html = await editor.Client.GetStringAsync(path);
            var posts = PostForms().Matches(html);
            Assert.True(posts.Count > 0, $"{path} has no POST form");
            Assert.All(posts, form => Assert.Contains("__RequestVerificationToken", form.Value));

            var forged = await editor.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Title"] = "Forged" }));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal("Guarded Guide", (await app.WithDbAsync(c => c.Set<Product>().SingleAsync())).Title);
        Assert.Equal(1, await app.WithDbAsync(c => c.Set<ContentPage>().CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(c => c.Set<MediaAsset>().CountAsync()));
    }

    [Theory]
    [InlineData("/admin/products")]
    [InlineData("/admin/products/new")]
    [InlineData("/admin/pages")]
    [InlineData("/admin/media")]
    public async Task ContentScreensSendAnonymousVisitorsToSignIn(string path)
    {
        await using var app = await StorefrontApp.StartAsync();

        var response = await app.CreateHttpClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/account/sign-in", new Uri(app.BaseAddress, response.Headers.Location!).AbsolutePath);
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[\\s\\S]*?</form>")]
    private static partial Regex PostForms();
}
