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
        // Deleting this browser's cookie is not enough: a copy of it (a stolen or shared device) must stop working
        // too, so the new stamp ends every session of this user, here and on every other instance.
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Redirect("/admin/account/sign-in");
    }
}
