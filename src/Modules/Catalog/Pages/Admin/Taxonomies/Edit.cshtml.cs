using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Taxonomies;

namespace Storefront.Catalog.Pages.Admin.Taxonomies;

/// <summary><c>/admin/taxonomies/new?kind=category|tag</c> and <c>/admin/taxonomies/{id}</c>: one form for a category or a tag.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class EditModel(TaxonomyEditor editor, TaxonomyCatalog catalog) : PageModel
{
    [BindProperty]
    public TermForm Input { get; set; } = new();

    public TaxonomyTerm? Item { get; private set; }

    public string Kind { get; private set; } = TermKinds.Category;

    /// <summary>Where a category may go: every category but itself and those beneath it.</summary>
    public IReadOnlyList<(TaxonomyTerm Term, int Depth)> Parents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string? kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, kind, cancellationToken))
        {
            return NotFound();
        }

        Input = Item is null ? new TermForm() : TermForm.From(Item);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, kind, cancellationToken))
        {
            return NotFound();
        }

        var wasNew = Item is null;
        var saved = ModelState.IsValid
            ? await editor.SaveAsync(Item, Kind, Input, (field, message) => ModelState.AddModelError($"{nameof(Input)}.{field}", message), cancellationToken)
            : null;
        if (saved is null)
        {
            return Page();
        }

        TempData["Flash"] = $"The {TermKinds.Label(Kind)} “{saved.Name}” was {(wasNew ? "created" : "saved")}; its page is {saved.Path}.";
        return Redirect($"/admin/taxonomies/{saved.Id}");
    }

    private async Task<bool> LoadAsync(string id, string? kind, CancellationToken cancellationToken)
    {
        if (id == "new")
        {
            if (kind is not null && !TermKinds.IsKnown(kind))
            {
                return false;
            }

            Kind = kind ?? TermKinds.Category;
        }
        else
        {
            Item = Guid.TryParse(id, out var guid) ? await editor.FindAsync(guid, cancellationToken) : null;
            if (Item is null)
            {
                return false;
            }

            Kind = Item.Kind;
        }

        if (Kind == TermKinds.Category)
        {
            var tree = await catalog.CategoryTreeAsync(cancellationToken);
            var excluded = Item is null ? [] : TaxonomyTree.SelfAndDescendants(Item.Id, [.. tree.Select(t => t.Term)]);
            Parents = [.. tree.Where(t => !excluded.Contains(t.Term.Id))];
        }

        return true;
    }
}
