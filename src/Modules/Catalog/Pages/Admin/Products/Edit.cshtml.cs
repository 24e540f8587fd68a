using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Fields;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Catalog.Taxonomies;
using Storefront.Catalog.Versions;
using Storefront.Core.Content;

namespace Storefront.Catalog.Pages.Admin.Products;

/// <summary><c>/admin/products/new</c> and <c>/admin/products/{id}</c>: one form for creating and editing.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
[RequestFormLimits(ValueLengthLimit = LongTexts.FormValueLimit)]
public sealed class EditModel(ProductEditor editor, ProductOffers offers, IImageLibrary images, ProductTerms terms, ProductDrafts drafts) : PageModel
{
    [BindProperty]
    public ProductForm Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Cover { get; set; }

    public Product? Product { get; private set; }

    /// <summary>The draft waiting to be published, which the form shows instead of the live product.</summary>
    public ProductVersion? Draft { get; private set; }

    /// <summary>The products this one may bundle.</summary>
    public IReadOnlyList<Product> BundleCandidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = Product is null ? new ProductForm() : ProductForm.From(await drafts.EditedAsync(Product, cancellationToken));
        if (Product is not null)
        {
            Input.Offer = ProductOffers.FormFor(Product, await offers.ContentsAsync(Product.Id, cancellationToken));
            Input.Terms = await terms.FormForAsync(Product.Id, cancellationToken);
            if (Product.CoverKey is { } cover)
            {
                Input.CoverAltText = (await images.AltTextsAsync([cover], cancellationToken)).GetValueOrDefault(cover);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, [FromServices] ContentFields fields, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var wasNew = Product is null;
        var values = await fields.ReadAsync(ContentKinds.Product, Input.Fields, (key, message) => ModelState.AddModelError($"Input.Fields[{key}]", message), cancellationToken);
        var saved = await editor.SaveAsync(Product, Input, Cover, ModelState.IsValid,
            (field, message) => ModelState.AddModelError(field is "Cover" or "MasterFile" ? field : $"{nameof(Input)}.{field}", message),
            cancellationToken);
        if (saved is null)
        {
            return Page();
        }

        await fields.SaveAsync(saved.Id, values, cancellationToken);
        TempData["Flash"] = $"“{saved.Title}” was {(wasNew ? "created" : "saved")}{(saved.Published ? " and is published" : " as a draft")}.";
        return Redirect($"/admin/products/{saved.Id}");
    }

    /// <summary>"Save draft" on a published product: buyers keep seeing the live version until the draft is published.</summary>
    public async Task<IActionResult> OnPostDraftAsync(string id, [FromServices] LiveOnlyChanges liveOnly, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Product is null)
        {
            return NotFound();
        }

        await liveOnly.CheckAsync(Product, Input, (field, message) => ModelState.AddModelError($"{nameof(Input)}.{field}", message), cancellationToken);
        var draft = await drafts.SaveAsync(Product, Input, Cover, ModelState.IsValid,
            (field, message) => ModelState.AddModelError(field is "Cover" or "MasterFile" ? field : $"{nameof(Input)}.{field}", message), cancellationToken);
        if (draft is null)
        {
            return Page();
        }

        TempData["Flash"] = $"Draft version {draft.Number} was saved; buyers still see the live version until you publish it.";
        return Redirect($"/admin/products/{Product.Id}");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(id, cancellationToken))
        {
            return false;
        }

        BundleCandidates = await offers.CandidatesAsync(Product?.Id, cancellationToken);
        Draft = Product is null ? null : await drafts.PendingAsync(Product, cancellationToken);
        return true;
    }

    private async Task<bool> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (id == "new")
        {
            return true;
        }

        Product = Guid.TryParse(id, out var guid) ? await editor.FindAsync(guid, cancellationToken) : null;
        return Product is not null;
    }
}
