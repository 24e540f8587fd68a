using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Fields;
using Storefront.Catalog.Findability;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Catalog.Versions;
using Storefront.Core.Audit;
using Storefront.Core.Data;

namespace Storefront.Catalog.Pages.Admin.Pages;

[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
[RequestFormLimits(ValueLengthLimit = LongTexts.FormValueLimit)]
public sealed class EditModel(StorefrontDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PageForm Input { get; set; } = new();

    public ContentPage? Item { get; private set; }

    /// <summary>The earlier version the form shows instead of the page (<c>?version=N</c>), until it is saved.</summary>
    public int? OpenedVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, int? version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = Item is null ? new PageForm() : new PageForm
        {
            Title = Item.Title, Slug = Item.Slug, Body = Item.Body, Published = Item.Published, Order = Item.NavigationOrder, Seo = SeoFields.From(Item),
        };
        if (Item is not null && version is { } number)
        {
            if (await db.Set<PageVersion>().AsNoTracking().FirstOrDefaultAsync(v => v.PageId == Item.Id && v.Number == number, cancellationToken) is not { } kept)
            {
                return NotFound();
            }

            var content = PageContent.Parse(kept.Content);
            (Input.Title, Input.Slug, Input.Body, Input.Order) = (content.Title, content.Slug, content.Body, content.NavigationOrder);
            Input.Seo = new SeoFields
            {
                SeoTitle = content.SeoTitle, SeoDescription = content.SeoDescription, SocialImage = content.SocialImage, CanonicalUrl = content.CanonicalUrl,
            };
            OpenedVersion = number;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, [FromServices] ContentFields fields, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var title = Input.Title.Trim();
        var slug = string.IsNullOrWhiteSpace(Input.Slug) ? Slugs.From(title) : Input.Slug.Trim();
        if (title.Length is 0 or > 200)
        {
            ModelState.AddModelError("Input.Title", "Enter a title of at most 200 characters.");
        }
        else if (Titles.HoldControlCharacters(title))
        {
            ModelState.AddModelError("Input.Title", Titles.ControlCharacterProblem);
        }

        if (LongTexts.Problem("page's text", Input.Body) is { } tooLong)
        {
            ModelState.AddModelError("Input.Body", tooLong);
        }

        if (!Slugs.IsValid(slug))
        {
            ModelState.AddModelError("Input.Slug", "The slug may hold only lower-case letters, digits and single hyphens, such as 'refund-policy'.");
        }
        else if (await db.Set<ContentPage>().FirstOrDefaultAsync(p => p.Slug == slug && p.Id != (Item == null ? Guid.Empty : Item.Id), cancellationToken) is { } other)
        {
            ModelState.AddModelError("Input.Slug", $"The slug '{slug}' is already used by the page “{other.Title}”. Choose another.");
        }

        Input.Seo.Check((field, message) => ModelState.AddModelError($"Input.Seo.{field}", message));
        var values = await fields.ReadAsync(ContentKinds.Page, Input.Fields, (key, message) => ModelState.AddModelError($"Input.Fields[{key}]", message), cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var isNew = Item is null;
        var now = clock.GetUtcNow().UtcDateTime;
        var page = Item ?? db.Add(new ContentPage { Slug = slug, Title = title, CreatedAt = now, UpdatedAt = now }).Entity;
        var wasPublished = !isNew && page.Published;
        (page.Title, page.Slug, page.Body, page.Published, page.NavigationOrder, page.UpdatedAt) = (title, slug, Input.Body ?? "", Input.Published, Input.Order, now);
        Input.Seo.ApplyTo(page);
        await fields.StageAsync(page.Id, values, cancellationToken);
        audit.Record(isNew ? "page.created" : "page.updated", "page " + slug);
        if (Input.Published != wasPublished)
        {
            audit.Record(Input.Published ? "page.published" : "page.unpublished", "page " + slug);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A unique version number or slug: another editor saved between this form's read and its write.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Title", "Someone else saved this page at the same moment, so this save was not made. What you typed is "
                + "still here: open the page in another tab to see their change, then save again.");
            return Page();
        }

        TempData["Flash"] = $"The page “{title}” was saved{(page.Published ? $" and is live at /pages/{slug}" : " as a draft")}.";
        return Redirect($"/admin/pages/{page.Id}");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (id == "new")
        {
            return true;
        }

        Item = Guid.TryParse(id, out var guid) ? await db.Set<ContentPage>().FirstOrDefaultAsync(p => p.Id == guid, cancellationToken) : null;
        return Item is not null;
    }

    public sealed class PageForm
    {
        public string Title { get; set; } = "";

        public string? Slug { get; set; }

        public string? Body { get; set; }

        public bool Published { get; set; }

        [System.ComponentModel.DataAnnotations.Range(0, 10_000, ErrorMessage = "The position must be between 0 and 10000.")]
        public int Order { get; set; }

        public SeoFields Seo { get; set; } = new();

        public Dictionary<string, string?> Fields { get; set; } = [];
    }
}
