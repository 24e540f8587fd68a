using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Display;
using Storefront.Downloads.Sharing;

namespace Storefront.Downloads.Pages.Admin.SharedLinks;

/// <summary><c>/admin/shared-links</c>: purchases whose copies went to many networks, the evidence, and Suspend or Clear.</summary>
[Authorize(Policy = nameof(SharingPermissions.ReviewSharedLinks))]
public sealed class IndexModel(SharingReview review) : PageModel
{
    [BindProperty(SupportsGet = true, Name = Pagination.Query)]
    public int PageNumber { get; set; } = 1;

    public FlaggedPage Result { get; private set; } = new([], 1, 1, 0);

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashIsError { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Result = await review.ListAsync(PageNumber, cancellationToken);

    public Pagination Pagination => new("Pages of flagged purchases", Result.Page, Result.PageCount, page => Pagination.Href(Url, page));

    /// <summary>Where Suspend or Clear posts: the shown page goes along, so the answer comes back to it.</summary>
    public string? DecisionLink(string handler, SharingFlag flag) =>
        Pagination.Href(Url, Result.Page, new { id = flag.EntitlementId, order = flag.OrderNumber }, handler);

    public async Task<IActionResult> OnPostSuspendAsync(Guid id, long order, CancellationToken cancellationToken)
    {
        var done = await review.SuspendAsync(id, cancellationToken);
        (Flash, FlashIsError) = done
            ? ($"Downloads of order {order} are suspended.", false)
            : ($"Order {order} was not suspended: it is already suspended or no longer flagged.", true);
        return Redirect(Pagination.Href(Url, PageNumber)!);
    }

    public async Task<IActionResult> OnPostClearAsync(Guid id, long order, CancellationToken cancellationToken)
    {
        var done = await review.ClearAsync(id, cancellationToken);
        (Flash, FlashIsError) = done
            ? ($"Order {order} is cleared: its downloads go on, and only new networks can flag it again.", false)
            : ($"Order {order} was not cleared: it was cleared already or flagged again meanwhile. Look at it again below.", true);
        return Redirect(Pagination.Href(Url, PageNumber)!);
    }
}
