using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Users.Models;

namespace Storefront.Users.Pages.Admin.Account;

/// <summary><c>POST /admin/account/sign-out</c>. A GET only shows the button: signing out by link would let any page sign you out.</summary>
public sealed class SignOutModel(SignInManager<StorefrontUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/admin/account/sign-in");
    }
}
