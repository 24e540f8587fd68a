using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Core.Audit;
using Storefront.Core.Recipes;
using Storefront.Licensing.Data;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Licensing;

/// <summary>The product's licence page in the admin, and the <c>licenses</c> recipe step both ways.</summary>
public sealed class LicenseAdminTests
{
    [Fact]
    public async Task TheAdminSetsTheTermsOnTheProductsOwnPageAndRevokesAKeyEachAudited()
    {
        await using var shop = await LicensedShop.StartAsync(activationLimit: 2);
        var (_, issued) = await shop.BuyAsync();
        var productId = await shop.App.WithDbAsync(d => d.Set<Product>().Where(p => p.Slug == LicensedShop.Slug).Select(p => p.Id).SingleAsync());
        var page = $"/admin/products/{productId}/licenses";
        using var admin = await AdminSession.SignInAsync(shop.App);

        Assert.Contains($"href=\"{page}\"", await admin.GetStringAsync($"/admin/products/{productId}"));
        var refused = await AdminForms.PostAsync(admin, page, page, ("IssuesKeys", "true"), ("ActivationLimit", "0"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("a whole number from 1 to 10000", await refused.Content.ReadAsStringAsync());
        Assert.Equal(2, await LimitAsync(shop));

        var saved = await AdminForms.PostAndFollowAsync(admin, page, page, ("IssuesKeys", "true"), ("ActivationLimit", "5"));
        Assert.Contains("now gets a licence key for 5 activations", saved);
        Assert.Equal(5, await LimitAsync(shop));
        Assert.Equal(5, (await shop.VerifyAsync(issued.Key, "check")).Body.GetProperty("limit").GetInt32());
        Assert.Contains(issued.Key, saved);

        var confirm = await AdminForms.PostAsync(admin, page, page + "?handler=Revoke", ("key", issued.Id.ToString()));
        Assert.Contains("confirmRevoke=", confirm.Headers.Location!.OriginalString);
        Assert.Equal("active", (await shop.VerifyAsync(issued.Key, "check")).Body.GetProperty("status").GetString());
        var revoked = await AdminForms.PostAndFollowAsync(admin, page, page + "?handler=Revoke", ("key", issued.Id.ToString()), ("confirmed", "true"));
        Assert.Contains("The key was revoked", revoked);
        Assert.Equal("revoked", (await shop.VerifyAsync(issued.Key, "check")).Body.GetProperty("status").GetString());

        var audit = await shop.App.WithDbAsync(d => d.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.At).ToListAsync());
        Assert.Contains(audit, e => e.Action == "licenses.settings-changed" && e.Target == $"product {LicensedShop.Slug}"
            && e.Details == "issues keys, 5 activation(s) each" && e.UserName != "system");
        var revocation = Assert.Single(audit, e => e.Action == "license.revoked");
        Assert.Equal($"order {issued.OrderNumber}", revocation.Target);
        Assert.DoesNotContain(issued.Key, revocation.Details);
        Assert.Contains(issued.Key[^5..], revocation.Details);
        shop.App.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Both), MemberType = typeof(TestDatabase))]
    public async Task AnExportedRecipeImportedIntoAnEmptyShopReproducesTheLicenceSettings(Db db)
    {
        await using var source = await StorefrontApp.StartAsync(db);
        using var recipe = new TempFolder();
        await source.ImportAsync(new TestRecipe()
            .Products(TestRecipe.Product("app", "App"), TestRecipe.Product("tool", "Tool"), TestRecipe.Product("book", "Book"))
            .Step(LicensedShop.LicensesStep(("app", 3), ("tool", 1)))
            .WriteTo(recipe.Path));
        using var export = new TempFolder();
        await using (var scope = source.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeExporter>().ExportAsync(export.File("shop.recipe.json"));
        }

        var steps = JsonNode.Parse(await File.ReadAllTextAsync(export.File("shop.recipe.json")))!["steps"]!.AsArray();
        var licenses = Assert.Single(steps, s => (string)s!["name"]! == "licenses")!["licenses"]!.AsArray();
        Assert.Equal(["app", "tool"], licenses.Select(l => (string)l!["product"]!));
        await using var target = await StorefrontApp.StartAsync(db);
        await target.ImportAsync(export.File("shop.recipe.json"));

        Assert.Equal(await TermsAsync(source), await TermsAsync(target));
        Assert.Equal(["app: True 3", "tool: True 1"], await TermsAsync(target));
        Assert.Equal(0, (await target.ImportAsync(export.File("shop.recipe.json"))).Changes);
        target.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ABadLicensesStepIsRefusedWholeNamingTheStepAndField()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var recipe = new TempFolder();
        var bad = new TestRecipe().Products(TestRecipe.Product("app", "App")).Step(new JsonObject
        {
            ["name"] = "licenses",
            ["licenses"] = new JsonArray(
                new JsonObject { ["product"] = "app", ["activationLimit"] = 0 },
                new JsonObject { ["product"] = "no-such-product", ["activationLimit"] = 2 },
                new JsonObject { ["product"] = "app", ["activationLimit"] = 2 },
                new JsonObject { ["product"] = "app-2", ["issuesKeys"] = "yes", ["activationLimit"] = 2 }),
        }).WriteTo(recipe.Path);

        var refused = await Assert.ThrowsAsync<RecipeException>(() => app.ImportAsync(bad));

        Assert.Contains("step 2 ('licenses'), field 'licenses[0].activationLimit': must be between 1 and 10000 (got 0)", refused.Errors);
        Assert.Contains("step 2 ('licenses'), field 'licenses[1].product': there is no product 'no-such-product' in the shop or in this recipe's products step",
            refused.Errors);
        Assert.Contains(refused.Errors, e => e.StartsWith("step 2 ('licenses'), field 'licenses[2].product': 'app' is listed twice", StringComparison.Ordinal));
        Assert.Contains("step 2 ('licenses'), field 'licenses[3].issuesKeys': must be true or false", refused.Errors);
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<Product>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(d => d.Set<LicensedProduct>().CountAsync()));
        app.Logs.AssertNoErrors();
    }

    private static Task<int> LimitAsync(LicensedShop shop) =>
        shop.App.WithDbAsync(d => d.Set<LicensedProduct>().Select(p => p.ActivationLimit).SingleAsync());

    private static Task<List<string>> TermsAsync(StorefrontApp app) => app.WithDbAsync(async d =>
        (await (from terms in d.Set<LicensedProduct>()
                join product in d.Set<Product>() on terms.ProductId equals product.Id
                select new { product.Slug, terms.IssuesKeys, terms.ActivationLimit }).ToListAsync())
        .Select(t => $"{t.Slug}: {t.IssuesKeys} {t.ActivationLimit}").Order().ToList());
}
