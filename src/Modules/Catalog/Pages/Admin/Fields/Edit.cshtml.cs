using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Fields;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.Pages.Admin.Fields;

/// <summary><c>/admin/fields/new?kind=…</c> and <c>/admin/fields/{id}</c>. A field's kind and key are fixed once it exists: values answer to them.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContentFields))]
public sealed class EditModel(StorefrontDbContext db, ContentFields fields, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public FieldForm Input { get; set; } = new();

    public ContentField? Field { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = Field is null ? new FieldForm { Kind = kind == ContentKinds.Page ? ContentKinds.Page : ContentKinds.Product } : FieldForm.From(Field);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Field is not null)
        {
            (Input.Kind, Input.Key) = (Field.Kind, Field.Key);
        }

        var definition = ContentFieldRules.Check(Input.ToDefinition(), (part, message) => ModelState.AddModelError($"Input.{part}", message));
        if (definition is not null && Field is null
            && await db.Set<ContentField>().FirstOrDefaultAsync(f => f.Kind == definition.Kind && f.Key == definition.Key, cancellationToken) is { } other)
        {
            ModelState.AddModelError("Input.Key", other.RemovedAt is null
                ? $"The key '{other.Key}' is already used by the field “{other.Label}”. Choose another."
                : $"The key '{other.Key}' belongs to the removed field “{other.Label}”: restore it on the fields page, or choose another key.");
        }

        if (definition is not null && Field is not null && definition.Type != Field.Type && await fields.CountValuesAsync(Field, cancellationToken) is > 0 and var held)
        {
            ModelState.AddModelError("Input.Type", $"“{Field.Label}” holds values in {held} {Field.Kind}(s), so its type cannot change: add a new field instead.");
        }

        if (definition is null || !ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var field = Field ?? db.Add(new ContentField
        {
            Kind = definition.Kind, Key = definition.Key, Label = definition.Label, Type = definition.Type, CreatedAt = now,
            Position = await fields.NextPositionAsync(definition.Kind, cancellationToken),
        }).Entity;
        definition.ApplyTo(field);
        audit.Record(Field is null ? "field.created" : "field.updated", $"{field.Kind} field {field.Key}", field.Type);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"The {field.Kind} field “{field.Label}” was {(Field is null ? "added" : "saved")}.";
        return Redirect("/admin/fields");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (id == "new")
        {
            return true;
        }

        Field = Guid.TryParse(id, out var guid) ? await db.Set<ContentField>().FirstOrDefaultAsync(f => f.Id == guid && f.RemovedAt == null, cancellationToken) : null;
        return Field is not null;
    }

    public sealed class FieldForm
    {
        public string Kind { get; set; } = ContentKinds.Product;

        public string Key { get; set; } = "";

        public string Label { get; set; } = "";

        public string? Hint { get; set; }

        public string Type { get; set; } = ContentFieldTypes.Text;

        public bool Required { get; set; }

        public string? Choices { get; set; }

        public string? SchemaProperty { get; set; }

        public string Placement { get; set; } = FieldPlacements.Details;

        // The binder turns a blank input into null whatever the property's default.
        public FieldDefinition ToDefinition() =>
            new(Kind ?? "", Key ?? "", Label ?? "", Hint, Type ?? "", Required, Choices?.Replace("\r", ""), SchemaProperty, Placement ?? "");

        public static FieldForm From(ContentField field) => new()
        {
            Kind = field.Kind, Key = field.Key, Label = field.Label, Hint = field.Hint, Type = field.Type, Required = field.Required,
            Choices = field.Choices, SchemaProperty = field.SchemaProperty, Placement = field.Placement,
        };
    }
}
