using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Storefront.Core.Settings;
using Storefront.Users.Services;

namespace Storefront.Users.Pages.Admin.Account;

/// <summary><c>/admin/account/forgot-password</c>: always the same answer, so it cannot tell anyone which addresses have accounts.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(AccountEmails emails, IOptions<SiteOptions> site) : PageModel
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

        // Queued for every address, known or not: the answer and the work behind it are the same for both.
        await emails.QueueResetLinkAsync(Email.Trim(), site.Value.OriginFor(Request), invitation: false, HttpContext.RequestAborted);

        Sent = true;
        return Page();
    }
}
