using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Display;
using Storefront.Payments.Admin;
using Storefront.Payments.Webhooks;

namespace Storefront.Payments.Pages.Admin.Webhooks;

/// <summary><c>/admin/webhooks</c>: the Stripe events the shop received, newest first, filterable by status with the count of each.</summary>
[Authorize(Policy = PaymentsPermissions.Names.ManageWebhooks)]
public sealed class IndexModel(WebhookEvents events) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = Pagination.Query)]
    public int PageNumber { get; set; } = 1;

    public WebhookEventPage Result { get; private set; } = new([], 1, 1, 0, new Dictionary<InboxStatus, int>());

    public IReadOnlyList<InboxStatus> Statuses { get; } = Enum.GetValues<InboxStatus>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // An unknown status in a hand-edited URL lists everything rather than failing.
        var status = Enum.TryParse<InboxStatus>(Status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (InboxStatus?)null;
        Status = status?.ToString();
        Result = await events.FindAsync(status, PageNumber, cancellationToken);
    }

    public Pagination Pagination => new("Pages of events", Result.Page, Result.PageCount, page => Pagination.Href(Url, page, new { status = Status }));
}
