using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Security;
using Storefront.Core.Settings;
using Storefront.Users.Models;
using Storefront.Users.Services;

namespace Storefront.Users.Pages.Admin.Account;

/// <summary><c>/admin/account/two-factor</c>: turn the authenticator-app step on (scan, verify, keep recovery codes) or off.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class TwoFactorModel(
    UserManager<StorefrontUser> users, SignInManager<StorefrontUser> signIn, SiteSettingsStore settings, SignInLockout lockout) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the six-digit code from your app."), StringLength(16)]
    public string Code { get; set; } = "";

    /// <summary>The current password or authenticator code, asked again before two-factor is weakened.</summary>
    [BindProperty]
    [StringLength(1024)]
    public string? Confirmation { get; set; }

    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = new string(Code.Where(char.IsAsciiDigit).ToArray());
        if (!ModelState.IsValid || code.Length != 6
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = "That code is not right. Enter the current six-digit code from your app; it changes every 30 seconds.";
            await LoadAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        Message = "Two-factor authentication is on. Keep these recovery codes somewhere safe: each one signs you in once if you lose your device.";
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await ConfirmedAsync(user))
        {
            return Page();
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
            Message = "New recovery codes: the old ones no longer work.";
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await ConfirmedAsync(user))
        {
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A fresh key, so a copy of the old one (a photo of the QR code) is worthless if it is turned on again.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        Message = "Two-factor authentication is off. Your password alone now signs you in.";
        await LoadAsync(user);
        return Page();
    }

    /// <summary>
    /// A signed-in browser left unattended, or a stolen cookie, must not be enough to switch the second factor off
    /// or to mint recovery codes: the password or a current code is asked again, and a wrong one counts toward
    /// both lockouts (this address, and the whole account) like a wrong sign-in. Loads the page with an error when it is missing or wrong.
    /// </summary>
    private async Task<bool> ConfirmedAsync(StorefrontUser user)
    {
        var answer = Confirmation?.Trim() ?? "";
        var digits = new string(answer.Where(c => !char.IsWhiteSpace(c)).ToArray());
        var email = user.NormalizedEmail ?? "";
        var client = ClientAddress.Of(HttpContext);
        var confirmed = answer.Length > 0 && !await users.IsLockedOutAsync(user)
            && !await lockout.IsLockedAsync(email, client, HttpContext.RequestAborted) && (digits.Length == 6 && digits.All(char.IsAsciiDigit)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits)
            : await users.CheckPasswordAsync(user, Confirmation!));
        if (!confirmed)
        {
            if (answer.Length > 0)
            {
                await users.AccessFailedAsync(user);
                await lockout.RecordFailureAsync(email, client, HttpContext.RequestAborted);
            }

            Error = "Nothing was changed: enter your current password, or the current six-digit code from your app, to confirm.";
            await LoadAsync(user);
        }

        return confirmed;
    }

    private async Task LoadAsync(StorefrontUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the security stamp; this session carries on with the new one.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }

        SharedKey = key;
        var issuer = (await settings.GetAsync(HttpContext.RequestAborted)).SiteName;
        QrCodeDataUri = AuthenticatorQrCode.PngDataUri(AuthenticatorQrCode.Uri(issuer, user.Email ?? user.UserName ?? "admin", key));
    }
}
