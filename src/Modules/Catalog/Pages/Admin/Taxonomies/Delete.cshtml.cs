using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Taxonomies;

namespace Storefront.Catalog.Pages.Admin.Taxonomies;

/// <summary>Asks first, saying what happens to the sub-categories and products of the term.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class DeleteModel(TaxonomyEditor editor) : PageModel
{
    public TaxonomyTerm Item { get; private set; } = null!;

    public TaxonomyTerm? Parent { get; private set; }

    public int Children { get; private set; }

    public int Products { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(id, cancellationToken) is not { } term)
        {
            return NotFound();
        }

        Item = term;
        Parent = term.ParentId is { } parentId ? await editor.FindAsync(parentId, cancellationToken) : null;
        (Children, Products) = await editor.UsageAsync(term, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(id, cancellationToken) is { } term)
        {
            await editor.DeleteAsync(term, cancellationToken);
            TempData["Flash"] = $"The {TermKinds.Label(term.Kind)} “{term.Name}” was deleted.";
        }

        return Redirect("/admin/taxonomies");
    }
}
