using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Users.Pages.Admin;

/// <summary>
/// <c>/admin</c>: a placeholder landing page for signed-in users. The admin dashboard replaces it;
/// delete this page (and its .cshtml) when that lands.
/// </summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
