using System.Net;
using Storefront.Catalog.Taxonomies;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Taxonomies;

/// <summary>A renamed category or tag leaves its old addresses answering with a permanent redirect, as a product does.</summary>
public sealed class TermRedirectTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task ARenamedTermsOldAddressesRedirectToItsNewOneUntilAnotherTermTakesThem(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await TaxonomyShop.ImportAsync(app, TaxonomyShop.Recipe());
        var editor = await SignedInEditor.CreateAsync(app);
        var electronics = await TaxonomyAdmin.IdOfAsync(app, "electronics");
        var guides = await TaxonomyAdmin.IdOfAsync(app, "guides");
        var beginner = await TaxonomyAdmin.IdOfAsync(app, "beginner", TermKinds.Tag);

        Assert.NotNull((await TaxonomyAdmin.SaveAsync(editor, "category", "Electronics", "electronic-parts", parent: guides, id: electronics)).Id);
        Assert.NotNull((await TaxonomyAdmin.SaveAsync(editor, "category", "Circuits", "circuits", parent: guides, id: electronics)).Id);
        Assert.NotNull((await TaxonomyAdmin.SaveAsync(editor, "tag", "Starter", "starter", id: beginner)).Id);

        // A chain of renames lands on the current address in one hop.
        await AssertMovedAsync(app, "/categories/electronics", "/categories/circuits");
        await AssertMovedAsync(app, "/categories/electronic-parts", "/categories/circuits");
        await AssertMovedAsync(app, "/tags/beginner", "/tags/starter");
        Assert.Contains("Soldering for Makers", await TaxonomyShop.GetAsync(app, "/categories/circuits"));
        Assert.Contains("Joinery Basics", await TaxonomyShop.GetAsync(app, "/tags/starter"));
        // A tag's old slug is not a category's: the two kinds keep separate addresses.
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "/categories/beginner"));

        // A new term taking an old slug answers there itself.
        Assert.NotNull((await TaxonomyAdmin.SaveAsync(editor, "tag", "Beginner again", "beginner")).Id);
        Assert.Contains("Beginner again", await TaxonomyShop.GetAsync(app, "/tags/beginner"));
        Assert.DoesNotContain("Joinery Basics", await TaxonomyShop.GetAsync(app, "/tags/beginner"));

        // A deleted term's old addresses are simply gone.
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/taxonomies/{electronics}/delete", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "/categories/electronics"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app, "/categories/circuits"));
        app.Logs.AssertNoErrors();
    }

    private static async Task AssertMovedAsync(StorefrontApp app, string old, string current)
    {
        using var client = app.CreateHttpClient();
        var moved = await client.GetAsync(old);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(current, moved.Headers.Location!.OriginalString);
    }

    private static async Task<HttpStatusCode> StatusAsync(StorefrontApp app, string path)
    {
        using var client = app.CreateHttpClient();
        return (await client.GetAsync(path)).StatusCode;
    }
}
