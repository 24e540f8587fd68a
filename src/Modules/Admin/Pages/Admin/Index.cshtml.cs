using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Display;
using Storefront.Core.Security;

namespace Storefront.Admin.Pages.Admin;

/// <summary>
/// <c>/admin</c>: everyone with an admin role lands here, on the panels the enabled modules contribute and the user
/// may see. Money is shown only to those who may see orders; editors get the catalogue's figures instead of a 403.
/// </summary>
[Authorize(Policy = AdminPermissions.AdminArea)]
public sealed class IndexModel(IEnumerable<DashboardWidget> widgets, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<DashboardWidget> Widgets { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var visible = new List<DashboardWidget>();
        foreach (var widget in widgets.OrderBy(w => w.Order).ThenBy(w => w.Name, StringComparer.Ordinal))
        {
            if ((await authorization.AuthorizeAsync(User, widget.Policy)).Succeeded)
            {
                visible.Add(widget);
            }
        }

        var main = visible.Where(w => !w.Fallback).ToList();
        Widgets = main.Count > 0 ? main : visible;
    }
}
