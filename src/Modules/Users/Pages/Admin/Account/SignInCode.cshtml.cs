using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Security;
using Storefront.Users.Models;
using Storefront.Users.Services;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Storefront.Users.Pages.Admin.Account;

/// <summary>
/// <c>/admin/account/sign-in/code</c>: the second step. Six digits are an authenticator code;
/// anything else is tried as a one-time recovery code.
/// </summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SignInCodeModel(SignInManager<StorefrontUser> signIn, SignInLockout lockout) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [FromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    [FromQuery(Name = "rememberMe")]
    public bool RememberMe { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            // The first step's cookie lasts five minutes; start again rather than guess.
            return RedirectToPage("SignIn");
        }

        var code = new string(Input.Code.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (!ModelState.IsValid || code.Length == 0)
        {
            Error = "Enter the code from your authenticator app, or a recovery code.";
            return Page();
        }

        // The same (typed address, client) count as the password step, so codes cannot be guessed from one
        // address beyond its few failures, while the administrator's own device still gets in.
        var email = user.NormalizedEmail ?? "";
        var client = ClientAddress.Of(HttpContext);
        var aborted = HttpContext.RequestAborted;
        var result = await lockout.IsLockedAsync(email, client, aborted) ? SignInResult.LockedOut
            : code.Length == 6 && code.All(char.IsAsciiDigit)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, Input.RememberDevice)
                : await RecoveryCodeSignInAsync(user, code);
        if (result.Succeeded)
        {
            await lockout.ClearAsync(email, client, aborted);
            return LocalRedirect(ReturnUrl is { Length: > 0 } && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
        }

        var locked = result.IsLockedOut || await lockout.RecordFailureAsync(email, client, aborted);
        Error = locked
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : "That code is not valid. Codes change every 30 seconds; check your device's clock, or use a recovery code.";
        return Page();
    }

    /// <summary>
    /// Identity neither checks the lockout before redeeming a recovery code nor counts a wrong one, which would
    /// leave unlimited guesses to whoever has the password; here both count as an authenticator code does.
    /// </summary>
    private async Task<SignInResult> RecoveryCodeSignInAsync(StorefrontUser user, string code)
    {
        if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            return SignInResult.LockedOut;
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return result;
        }

        await signIn.UserManager.AccessFailedAsync(user);
        return await signIn.UserManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
    }

    public sealed class CodeInput
    {
        [Required, StringLength(64)]
        public string Code { get; set; } = "";

        public bool RememberDevice { get; set; }
    }
}
