using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Fields;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.Pages.Admin.Fields;

/// <summary>
/// <c>/admin/fields/{id}/remove</c>: a field without values is deleted; one that holds values is set aside with them, so
/// the recipe export keeps them and restoring the field brings them back.
/// </summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContentFields))]
public sealed class RemoveModel(StorefrontDbContext db, ContentFields fields, AuditLog audit, TimeProvider clock) : PageModel
{
    public ContentField Field { get; private set; } = null!;

    public int Held { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Held == 0)
        {
            db.Remove(Field);
            audit.Record("field.deleted", $"{Field.Kind} field {Field.Key}");
            TempData["Flash"] = $"The field “{Field.Label}” was removed.";
        }
        else
        {
            Field.RemovedAt = clock.GetUtcNow().UtcDateTime;
            audit.Record("field.removed", $"{Field.Kind} field {Field.Key}", $"{Held} value(s) kept");
            TempData["Flash"] = $"The field “{Field.Label}” was removed; its {Held} value(s) are kept in the recipe export and return if you restore it.";
        }

        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/fields");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Set<ContentField>().FirstOrDefaultAsync(f => f.Id == id && f.RemovedAt == null, cancellationToken) is not { } field)
        {
            return false;
        }

        (Field, Held) = (field, await fields.CountValuesAsync(field, cancellationToken));
        return true;
    }
}
