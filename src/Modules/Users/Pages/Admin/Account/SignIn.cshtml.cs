using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Security;
using Storefront.Users.Models;
using Storefront.Users.Services;

namespace Storefront.Users.Pages.Admin.Account;

/// <summary><c>/admin/account/sign-in</c>: email and password, then the code step when two-factor is on.</summary>
[AllowAnonymous]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SignInModel(SignInManager<StorefrontUser> signIn, UserAccounts accounts, SignInLockout lockout) : PageModel
{
    // One answer for a wrong password, an unknown address and a locked account: a distinct "locked" would
    // tell anyone which addresses have accounts after five guesses.
    public const string WrongCredentials =
        "The email or password is wrong, or the account is locked for a while after too many attempts. Try again later, or reset your password.";

    // Never stored: it only gives an unknown email the same hashing cost as a real account, so it needs no creation time.
    private static readonly StorefrontUser TimingDummy = new() { CreatedAt = default };

    private static readonly Lazy<string> TimingDummyHash =
        new(() => new PasswordHasher<StorefrontUser>().HashPassword(TimingDummy, Guid.NewGuid().ToString()));

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [FromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public bool NoUsersYet { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        NoUsersYet = !await accounts.AnyAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = "Enter your email and password.";
            return Page();
        }

        var email = signIn.UserManager.NormalizeEmail(Input.Email.Trim()) ?? "";
        var client = ClientAddress.Of(HttpContext);
        var aborted = HttpContext.RequestAborted;
        if (await lockout.IsLockedAsync(email, client, aborted))
        {
            return Refuse();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // An unknown address is counted and locked like a real one, or the lockout would tell them apart.
            await lockout.RecordFailureAsync(email, client, aborted);
            return Refuse();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // Identity refuses a locked account before hashing; hash anyway so the refusal takes as long as the others.
            HashForTiming();
        }

        if (result.Succeeded)
        {
            await lockout.ClearAsync(email, client, aborted);
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            // Only a completed sign-in clears this address's failures: wrong codes add to the same count.
            return RedirectToPage("SignInCode", new { returnUrl = SafeReturnUrl(ReturnUrl), rememberMe = Input.RememberMe });
        }

        await lockout.RecordFailureAsync(email, client, aborted);
        Error = WrongCredentials;
        return Page();
    }

    private PageResult Refuse()
    {
        HashForTiming();
        Error = WrongCredentials;
        return Page();
    }

    /// <summary>Costs what checking a real password costs, so an unknown or locked account is not refused faster.</summary>
    private void HashForTiming() =>
        signIn.UserManager.PasswordHasher.VerifyHashedPassword(TimingDummy, TimingDummyHash.Value, Input.Password);

    /// <summary>Only paths on this site: an open redirect after sign-in would be a phishing gift.</summary>
    public string SafeReturnUrl(string? returnUrl) => returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin";

    public sealed class SignInInput
    {
        [Required, EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required, StringLength(1024)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
