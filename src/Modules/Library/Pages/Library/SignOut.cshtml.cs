using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Library.SignIn;

namespace Storefront.Library.Pages.Library;

/// <summary><c>POST /library/sign-out</c>. A GET only shows the button: signing out by link would let any page sign you out.</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutBuyerAsync();
        return Redirect("/library");
    }
}
