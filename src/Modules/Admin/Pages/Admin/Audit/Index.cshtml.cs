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
        PageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Entries = await audit.PageAsync((PageNumber - 1) * PageSize, PageSize, cancellationToken);
    }

    public Pagination Pagination => new("Pages of the audit log", PageNumber, PageCount, page => Pagination.Href(Url, page));
}
