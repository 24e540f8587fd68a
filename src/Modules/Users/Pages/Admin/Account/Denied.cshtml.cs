using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Users.Pages.Admin.Account;

/// <summary><c>/admin/account/denied</c>: where a signed-in user lands without the permission a page needs.</summary>
[AllowAnonymous]
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
