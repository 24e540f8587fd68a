using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Display;
using Storefront.Payments.Admin;
using Storefront.Payments.Orders;

namespace Storefront.Payments.Pages.Admin.Orders;

/// <summary><c>/admin/orders</c>: newest first, searchable by buyer email or order number, filterable by status.</summary>
[Authorize(Policy = PaymentsPermissions.Names.ViewOrders)]
public sealed class IndexModel(OrderSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = Pagination.Query)]
    public int PageNumber { get; set; } = 1;

    public OrderPage Result { get; private set; } = new([], 1, 1, 0);

    public IReadOnlyList<OrderStatus> Statuses { get; } = Enum.GetValues<OrderStatus>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // An unknown status in a hand-edited URL lists everything rather than failing.
        var status = Enum.TryParse<OrderStatus>(Status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (OrderStatus?)null;
        Status = status?.ToString();
        Result = await search.FindAsync(new OrderQuery(Search, status, PageNumber), cancellationToken);
    }

    public Pagination Pagination =>
        new("Pages of orders", Result.Page, Result.PageCount, page => Pagination.Href(Url, page, new { q = Search, status = Status }));
}
