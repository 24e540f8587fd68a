using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Security;
using Storefront.Users.Models;
using Storefront.Users.Services;

namespace Storefront.Users.Pages.Admin;

/// <summary>
/// <c>/admin/setup</c>: creates the first administrator, and exists only while the site has no users
/// at all (a 404 afterwards), so there is never a default password to forget to change.
/// </summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SetupModel(UserAccounts accounts, SignInManager<StorefrontUser> signIn) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await accounts.AnyAsync(HttpContext.RequestAborted) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await accounts.AnyAsync(HttpContext.RequestAborted))
        {
            return NotFound();
        }

        if (Input.Password != Input.ConfirmPassword)
        {
            Errors = ["The two passwords are not the same."];
            return Page();
        }

        var result = await accounts.CreateAsync(Input.Email, Input.Password, AdminRoles.Administrator, onlyIfEmpty: true);
        if (result.Outcome == AccountOutcome.AlreadyExists)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Errors = result.Errors;
            return Page();
        }

        await signIn.SignInAsync(result.User!, isPersistent: false);
        return Redirect("/admin");
    }

    public sealed class SetupInput
    {
        [StringLength(256)]
        public string Email { get; set; } = "";

        [StringLength(1024)]
        public string Password { get; set; } = "";

        [StringLength(1024)]
        public string ConfirmPassword { get; set; } = "";
    }
}
