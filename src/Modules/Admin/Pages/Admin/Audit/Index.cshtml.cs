using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Audit;
using Storefront.Core.Display;
using Storefront.Core.Security;

namespace Storefront.Admin.Pages.Admin.Audit;

/// <summary><c>/admin/audit</c>: who did what to which item, newest first.</summary>
[Authorize(Policy = AdminPermissions.Names.ViewAuditLog)]
public sealed class IndexModel(AuditLog audit) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = Pagination.Query)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var total = await audit.CountAsync(cancellationToken);
        var window = PageWindow.Of(total, PageNumber, PageSize);
        (PageNumber, PageCount) = (window.Page, window.PageCount);
        Entries = await audit.PageAsync(window.Skip, window.Size, cancellationToken);
    }

    public Pagination Pagination => new("Pages of the audit log", PageNumber, PageCount, page => Pagination.Href(Url, page));
}
