using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Fields;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.Pages.Admin.Fields;

/// <summary><c>/admin/fields</c>: the fields of products and of pages, in their order, with the removed ones that still hold values.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContentFields))]
public sealed class IndexModel(StorefrontDbContext db, ContentFields fields, AuditLog audit) : PageModel
{
    public IReadOnlyList<ContentField> Defined { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Defined = await db.Set<ContentField>().AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Position).ThenBy(f => f.Key).ToListAsync(cancellationToken);

    /// <summary>Swaps the field with its neighbour of the same kind; the order is renumbered so equal positions cannot stick.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, int by, CancellationToken cancellationToken)
    {
        var field = await db.Set<ContentField>().FirstOrDefaultAsync(f => f.Id == id && f.RemovedAt == null, cancellationToken);
        if (field is null)
        {
            return NotFound();
        }

        var list = await db.Set<ContentField>().Where(f => f.Kind == field.Kind && f.RemovedAt == null)
            .OrderBy(f => f.Position).ThenBy(f => f.Key).ToListAsync(cancellationToken);
        var at = list.IndexOf(field);
        var to = Math.Clamp(at + Math.Sign(by), 0, list.Count - 1);
        (list[at], list[to]) = (list[to], list[at]);
        for (var i = 0; i < list.Count; i++)
        {
            list[i].Position = i;
        }

        audit.Record("field.moved", $"{field.Kind} field {field.Key}", $"to position {to + 1}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"“{field.Label}” is now number {to + 1} of the {field.Kind} fields.";
        return Redirect("/admin/fields");
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken cancellationToken)
    {
        var field = await db.Set<ContentField>().FirstOrDefaultAsync(f => f.Id == id && f.RemovedAt != null, cancellationToken);
        if (field is null)
        {
            return NotFound();
        }

        field.RemovedAt = null;
        field.Position = await fields.NextPositionAsync(field.Kind, cancellationToken);
        audit.Record("field.restored", $"{field.Kind} field {field.Key}");
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"“{field.Label}” was restored with its values.";
        return Redirect("/admin/fields");
    }
}
