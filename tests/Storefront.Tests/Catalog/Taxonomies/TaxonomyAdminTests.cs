using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Taxonomies;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Taxonomies;

/// <summary>
/// Editors add, rename, move and delete categories and tags; a slug clash or a loop in the tree is refused with a message
/// that names it; deleting asks first and says what happens to sub-categories and products; the product form sets a
/// product's categories and tags, creating tags typed for the first time.
/// </summary>
public sealed class TaxonomyAdminTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task EditorsBuildAndRearrangeTheTreeAndALoopOrAClashIsRefusedWithAReason(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        var editor = await SignedInEditor.CreateAsync(app);

        var (guides, _) = await TaxonomyAdmin.SaveAsync(editor, "category", "Guides", description: "All our *guides*.");
        var (electronics, _) = await TaxonomyAdmin.SaveAsync(editor, "category", "Electronics", parent: guides);
        var (canBus, _) = await TaxonomyAdmin.SaveAsync(editor, "category", "CAN bus", parent: electronics);
        var (tag, _) = await TaxonomyAdmin.SaveAsync(editor, "tag", "Guides");
        Assert.NotNull(guides);
        Assert.NotNull(canBus);
        Assert.NotNull(tag);

        var index = await editor.Client.GetStringAsync("/admin/taxonomies");
        Assert.True(index.IndexOf(">Guides</a>", StringComparison.Ordinal) < index.IndexOf(">Electronics</a>", StringComparison.Ordinal));
        Assert.True(index.IndexOf(">Electronics</a>", StringComparison.Ordinal) < index.IndexOf(">CAN bus</a>", StringComparison.Ordinal));
        Assert.Contains("<code>/categories/can-bus</code>", index);
        Assert.Contains("<code>/tags/guides</code>", index);

        var (_, clash) = await TaxonomyAdmin.SaveAsync(editor, "category", "More guides", "guides");
        Assert.Contains("The slug &#x27;guides&#x27; is already used by the category “Guides”. Choose another.", clash);
        var (_, badSlug) = await TaxonomyAdmin.SaveAsync(editor, "category", "Bad", "Not A Slug!");
        Assert.Contains("The slug may hold only lower-case letters, digits and single hyphens, such as &#x27;not-a-slug&#x27;.", badSlug);
        var (_, loop) = await TaxonomyAdmin.SaveAsync(editor, "category", "Guides", "guides", parent: canBus, id: guides);
        Assert.Contains("“Guides” cannot go under “CAN bus”: “CAN bus” is inside “Guides” (Guides → Electronics → CAN bus), which would make a loop.", loop);
        var (_, own) = await TaxonomyAdmin.SaveAsync(editor, "category", "Guides", "guides", parent: guides, id: guides);
        Assert.Contains("“Guides” cannot be its own parent.", own);
        var (_, gone) = await TaxonomyAdmin.SaveAsync(editor, "category", "Orphan", parent: Guid.CreateVersion7());
        Assert.Contains("The chosen parent category no longer exists. Choose another.", gone);
        Assert.Equal(4, await app.WithDbAsync(d => d.Set<TaxonomyTerm>().CountAsync()));

        // Moving CAN bus to the top, then renaming Guides: the tree follows.
        Assert.NotNull((await TaxonomyAdmin.SaveAsync(editor, "category", "CAN bus", "can-bus", id: canBus)).Id);
        Assert.NotNull((await TaxonomyAdmin.SaveAsync(editor, "category", "Field guides", "field-guides", id: guides, description: "All our *guides*.")).Id);
        var terms = await app.WithDbAsync(d => d.Set<TaxonomyTerm>().AsNoTracking().ToListAsync());
        Assert.Null(terms.Single(t => t.Id == canBus).ParentId);
        Assert.Equal(guides, terms.Single(t => t.Id == electronics).ParentId);
        Assert.Equal("field-guides", terms.Single(t => t.Id == guides).Slug);
        Assert.Equal("All our *guides*.", terms.Single(t => t.Id == guides).Description);
        var edit = await editor.Client.GetStringAsync($"/admin/taxonomies/{guides}");
        Assert.DoesNotContain($"<option value=\"{electronics}\"", edit);
        Assert.DoesNotContain($"<option value=\"{guides}\"", edit);
        Assert.Contains($"<option value=\"{canBus}\"", edit);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync("/admin/taxonomies/new?kind=colour")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.Client.GetAsync($"/admin/taxonomies/{Guid.CreateVersion7()}")).StatusCode);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task DeletingACategoryAsksFirstMovesItsChildrenUpAndKeepsItsProducts(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await TaxonomyShop.ImportAsync(app, TaxonomyShop.Recipe());
        var editor = await SignedInEditor.CreateAsync(app);
        var electronics = await TaxonomyAdmin.IdOfAsync(app, "electronics");
        var guides = await TaxonomyAdmin.IdOfAsync(app, "guides");

        var ask = await editor.Client.GetStringAsync($"/admin/taxonomies/{electronics}/delete");
        Assert.Contains("Delete the category “Electronics”?", ask);
        Assert.Contains("1 sub-category moves up to “Guides”, with everything beneath it.", ask);
        Assert.Contains("2 products lose this category; the products themselves stay as they are.", ask);

        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/admin/taxonomies/{electronics}/delete", [])).StatusCode);

        var terms = await app.WithDbAsync(d => d.Set<TaxonomyTerm>().AsNoTracking().ToListAsync());
        Assert.DoesNotContain(terms, t => t.Slug == "electronics");
        Assert.Equal(guides, terms.Single(t => t.Slug == "can-bus").ParentId);
        Assert.Equal(["tag:advanced"], await TaxonomyAdmin.TermsOfAsync(app, await TaxonomyAdmin.ProductIdAsync(app, "soldering")));
        using var visitor = app.CreateHttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/categories/electronics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/products/soldering")).StatusCode);
        Assert.Contains("/products/can-bus-guide", await TaxonomyShop.GetAsync(app, "/categories/guides"));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task TheProductFormSetsCategoriesAndTagsAndCreatesNewTags(Db db)
    {
        await using var app = await StorefrontApp.StartAsync(db);
        await TaxonomyShop.ImportAsync(app, TaxonomyShop.Recipe());
        var editor = await SignedInEditor.CreateAsync(app);
        var canBus = await TaxonomyAdmin.IdOfAsync(app, "can-bus");
        var woodwork = await TaxonomyAdmin.IdOfAsync(app, "woodwork");

        var blank = await editor.Client.GetStringAsync("/admin/products/new");
        Assert.Contains("<legend>Categories and tags</legend>", blank);
        // Indented two levels under Guides › Electronics.
        Assert.Matches($"<label for=\"category-{canBus}\">(\u00A0|&#xA0;|&nbsp;){{8}}CAN bus</label>", blank);

        var master = await AdminRequests.UploadSampleMasterAsync(editor);
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Bus Tools", ["Input.Slug"] = "bus-tools", ["Input.Price"] = "9.00", ["Input.Currency"] = "usd",
            ["Input.Published"] = "true", ["Input.MasterKey"] = master, ["Input.MasterFileName"] = "guide.pdf",
            ["Input.Terms.CategoryIds"] = Guid.CreateVersion7().ToString(), ["Input.Terms.Tags"] = "Beginner, ???",
        };
        var refused = await editor.PostFormAsync("/admin/products/new", fields);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("A chosen category no longer exists (someone may have deleted it): check the categories again.", page);
        Assert.Contains("The tag “???” needs at least one letter or digit to make its address.", page);
        Assert.Contains("value=\"Beginner, ???\"", page);
        Assert.Equal(6, await app.WithDbAsync(d => d.Set<TaxonomyTerm>().CountAsync()));

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Where(f => f.Key != "Input.Terms.CategoryIds"))
        {
            content.Add(new StringContent(name == "Input.Terms.Tags" ? "beginner,  Test Equipment , test equipment" : value), name);
        }

        content.Add(new StringContent(canBus.ToString()), "Input.Terms.CategoryIds");
        content.Add(new StringContent(woodwork.ToString()), "Input.Terms.CategoryIds");
        content.Add(new StringContent(await editor.TokenAsync("/admin/products/new")), "__RequestVerificationToken");
        var id = AdminRequests.SavedId(await editor.Client.PostAsync("/admin/products/new", content));

        Assert.Equal(["category:can-bus", "category:woodwork", "tag:beginner", "tag:test-equipment"], await TaxonomyAdmin.TermsOfAsync(app, id));
        Assert.Equal("Test Equipment", await app.WithDbAsync(d => d.Set<TaxonomyTerm>().Where(t => t.Slug == "test-equipment").Select(t => t.Name).SingleAsync()));
        var edit = await editor.Client.GetStringAsync($"/admin/products/{id}");
        Assert.Contains($"id=\"category-{canBus}\" name=\"Input.Terms.CategoryIds\" value=\"{canBus}\" checked=\"checked\"", edit);
        Assert.Contains("value=\"Beginner, Test Equipment\"", edit);
        Assert.Contains("/products/bus-tools", await TaxonomyShop.GetAsync(app, "/tags/test-equipment"));
        Assert.Contains("/products/bus-tools", await TaxonomyShop.GetAsync(app, "/categories/electronics"));
        app.Logs.AssertNoErrors();
    }
}
