using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Core.Settings;
using Storefront.Users.Models;
using Storefront.Users.Services;

namespace Storefront.Users.Pages.Admin.Account;

/// <summary><c>/admin/account/forgot-password</c>: always the same answer, so it cannot tell anyone which addresses have accounts.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<StorefrontUser> users, AccountEmails emails, IOptions<SiteOptions> site) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your email address."), EmailAddress(ErrorMessage = "Enter a valid email address, like name@example.com."), StringLength(256)]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Email.Trim()) is { } user)
        {
            await emails.SendResetLinkAsync(user, site.Value.OriginFor(Request), invitation: false, HttpContext.RequestAborted);
        }

        Sent = true;
        return Page();
    }
}
