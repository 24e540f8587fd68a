using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog.Models;
using Storefront.Catalog.Versions;
using Storefront.Tests.Admin;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Catalog.Versions;

/// <summary>An editor's requests on a product's versions, as the product form and the history page send them.</summary>
public sealed class VersionedShop(StorefrontApp app, SignedInEditor editor)
{
    public StorefrontApp App { get; } = app;

    public SignedInEditor Editor { get; } = editor;

    /// <summary>Signs an editor in on a shop whose recipe already holds <paramref name="slug"/> ($29.00, published unless told).</summary>
    public static async Task<VersionedShop> ForAsync(StorefrontApp app, string slug = "field-guide", bool published = true)
    {
        using var recipe = new TempFolder();
        await app.ImportAsync(new TestRecipe().Settings("Field Guides")
            .Products(TestRecipe.Product(slug, "Field Guide", price: 2900, published: published)).WriteTo(recipe.Path));
        return new VersionedShop(app, await SignedInEditor.CreateAsync(app));
    }

    public Task<Product> ProductAsync(string slug = "field-guide") => App.WithDbAsync(d => d.Set<Product>().AsNoTracking().SingleAsync(p => p.Slug == slug));

    public async Task<List<ProductVersion>> VersionsAsync(Guid id) =>
        await App.WithDbAsync(d => d.Set<ProductVersion>().AsNoTracking().Where(v => v.ProductId == id).OrderBy(v => v.Number).ToListAsync());

    /// <summary>The product form filled in as the edit page shows <paramref name="product"/>, with <paramref name="changes"/> typed over it.</summary>
    public static Dictionary<string, string> Form(Product product, params (string Field, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = product.Title,
            ["Input.Slug"] = product.Slug,
            ["Input.Description"] = product.Description,
            ["Input.Price"] = (product.PriceMinor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Currency"] = product.Currency,
            ["Input.Published"] = product.Published ? "true" : "false",
            ["Input.MasterKey"] = product.MasterKey ?? "",
            ["Input.MasterFileName"] = product.MasterFileName ?? "",
            ["Input.DownloadUses"] = product.DownloadUses?.ToString() ?? "",
            ["Input.DownloadExpiryHours"] = product.DownloadExpiryHours?.ToString() ?? "",
            ["Input.CoverAltText"] = "A plain cover",
        };
        foreach (var (field, value) in changes)
        {
            fields["Input." + field] = value;
        }

        return fields;
    }

    /// <summary>The form's Save (what buyers see changes now).</summary>
    public Task<HttpResponseMessage> SaveAsync(Product product, params (string, string)[] changes) =>
        Editor.PostFormAsync($"/admin/products/{product.Id}", Form(product, changes));

    /// <summary>The form's Save draft.</summary>
    public Task<HttpResponseMessage> SaveDraftAsync(Product product, params (string, string)[] changes) =>
        Editor.PostFormAsync($"/admin/products/{product.Id}?handler=Draft", Form(product, changes), $"/admin/products/{product.Id}");

    public Task<HttpResponseMessage> PublishAsync(Guid id) =>
        Editor.PostFormAsync($"/admin/products/{id}/versions?handler=Publish", [], $"/admin/products/{id}/versions");

    public Task<HttpResponseMessage> RestoreAsync(Guid id, int version) =>
        Editor.PostFormAsync($"/admin/products/{id}/versions?handler=Restore", new() { ["version"] = version.ToString() }, $"/admin/products/{id}/versions");

    public Task<HttpResponseMessage> ScheduleAsync(Guid id, string publishAt, string unpublishAt) =>
        Editor.PostFormAsync($"/admin/products/{id}/versions?handler=Schedule", new() { ["PublishAt"] = publishAt, ["UnpublishAt"] = unpublishAt },
            $"/admin/products/{id}/versions");

    /// <summary>What an anonymous visitor gets, through the output cache.</summary>
    public async Task<(HttpStatusCode Status, string Html)> VisitAsync(string path)
    {
        using var visitor = App.CreateHttpClient();
        using var response = await visitor.GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    public ProductScheduler Scheduler => App.Services.GetRequiredService<ProductScheduler>();
}
