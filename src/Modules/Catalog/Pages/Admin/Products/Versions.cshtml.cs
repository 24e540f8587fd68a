using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog.Models;
using Storefront.Catalog.Services;
using Storefront.Catalog.Versions;

namespace Storefront.Catalog.Pages.Admin.Products;

/// <summary><c>/admin/products/{id}/versions</c>: the product's history, its pending draft, and when it is published or unpublished.</summary>
[Authorize(Policy = nameof(CatalogPermissions.ManageContent))]
public sealed class VersionsModel(ProductEditor editor, ProductDrafts drafts, ProductSchedules schedules, TimeProvider clock) : PageModel
{
    private const string TimeFormat = "yyyy-MM-ddTHH:mm";

    public Product Product { get; private set; } = null!;

    public ProductVersion? Draft { get; private set; }

    public IReadOnlyList<ProductVersion> History { get; private set; } = [];

    /// <summary>UTC, as <c>datetime-local</c> posts it (yyyy-MM-ddTHH:mm); empty for none. Text, so a malformed one gets our message.</summary>
    [BindProperty]
    public string? PublishAt { get; set; }

    [BindProperty]
    public string? UnpublishAt { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var schedule = await schedules.FindAsync(id, cancellationToken);
        PublishAt = schedule?.PublishAt?.ToString(TimeFormat, CultureInfo.InvariantCulture);
        UnpublishAt = schedule?.UnpublishAt?.ToString(TimeFormat, CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await drafts.PublishAsync(Product, cancellationToken) is { } problem)
        {
            ModelState.AddModelError("", problem);
            return Page();
        }

        TempData["Flash"] = $"“{Product.Title}” was published: buyers now see version {Product.LiveVersion}.";
        return Redirect($"/admin/products/{id}/versions");
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, int version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (await drafts.RestoreAsync(Product, version, cancellationToken) is not { } draft)
        {
            ModelState.AddModelError("", $"There is no version {version} of this product.");
            return Page();
        }

        TempData["Flash"] = $"Version {version} is now the draft (version {draft.Number}); buyers see the live version until you publish it.";
        return Redirect($"/admin/products/{id}");
    }

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var publishAt = ReadTime(PublishAt, nameof(PublishAt), "publish");
        var unpublishAt = ReadTime(UnpublishAt, nameof(UnpublishAt), "unpublish");
        if (publishAt is not null && unpublishAt is not null && unpublishAt <= publishAt)
        {
            ModelState.AddModelError(nameof(UnpublishAt), "Unpublish after the time it is published, or leave one of them empty.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await schedules.SetAsync(Product, publishAt, unpublishAt, cancellationToken);
        TempData["Flash"] = publishAt is null && unpublishAt is null ? "No publishing is scheduled." : "The schedule was saved (times in UTC).";
        return Redirect($"/admin/products/{id}/versions");
    }

    private DateTime? ReadTime(string? text, string field, string action)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // datetime-local posts minutes, and seconds when a browser adds them.
        if (DateTime.TryParseExact(text.Trim(), [TimeFormat, TimeFormat + ":ss"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        ModelState.AddModelError(field, $"Enter the time to {action} as a date and time in UTC, such as {clock.GetUtcNow().UtcDateTime.AddDays(1).ToString(TimeFormat, CultureInfo.InvariantCulture).Replace('T', ' ')}.");
        return null;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await editor.FindAsync(id, cancellationToken) is not { } product)
        {
            return false;
        }

        Product = product;
        Draft = await drafts.PendingAsync(product, cancellationToken);
        History = await drafts.HistoryAsync(id, cancellationToken);
        return true;
    }
}
