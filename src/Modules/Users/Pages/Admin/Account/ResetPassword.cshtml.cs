using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Storefront.Users.Models;
using Storefront.Users.Services;

namespace Storefront.Users.Pages.Admin.Account;

/// <summary><c>/admin/account/reset-password?email=…&amp;code=…</c>: the emailed link (reset or invitation) lands here.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ResetPasswordModel(UserManager<StorefrontUser> users, SignInLockout lockout) : PageModel
{
    private const string BadLink = "This link is not valid or has expired. Ask for a new one.";

    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Choose a password."), StringLength(1024)]
    public string Password { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Type the password again."), Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    public string ConfirmPassword { get; set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Done { get; private set; }

    public void OnGet()
    {
        // Keep the token out of Referer headers sent by anything this page links to.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (Email.Length == 0 || Code.Length == 0)
        {
            Errors = [BadLink];
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (!ModelState.IsValid)
        {
            Errors = ModelState.Where(e => e.Key is nameof(Password) or nameof(ConfirmPassword))
                .SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage)).ToList();
            if (Errors.Count == 0)
            {
                Errors = [BadLink];
            }

            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        var token = Decode(Code);
        if (user is null || token is null)
        {
            Errors = [BadLink];
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            Errors = result.Errors.Any(e => e.Code == "InvalidToken") ? [BadLink] : result.Errors.Select(e => e.Description).ToList();
            return Page();
        }

        // A reset proves control of the mailbox: lift every lockout so the new password works at once, from anywhere.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await lockout.ClearAllAsync(user.NormalizedEmail ?? "", HttpContext.RequestAborted);
        Done = true;
        return Page();
    }

    private static string? Decode(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
