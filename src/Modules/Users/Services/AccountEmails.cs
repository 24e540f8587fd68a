using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Users.Models;

namespace Storefront.Users.Services;

/// <summary>
/// Password-reset and invitation emails: both carry a link with Identity's reset token, so an
/// invited user chooses their own password and no password ever travels by email.
/// </summary>
public sealed class AccountEmails(UserManager<StorefrontUser> users, IEmailSender sender, SiteSettingsStore settings, ILogger<AccountEmails> logger)
{
    public async Task SendResetLinkAsync(StorefrontUser user, string origin, bool invitation, CancellationToken cancellationToken = default)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
        var link = $"{origin}/admin/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}";
        var site = (await settings.GetAsync(cancellationToken)).SiteName;
        var (subject, intro) = invitation
            ? ($"You are invited to the {site} admin", $"You have been given an account in the {site} admin. Choose your password here:")
            : ($"Reset your {site} admin password", "Someone (hopefully you) asked to reset your admin password. Choose a new one here:");
        var text = $"""
            {intro}

            {link}

            The link works once and for 24 hours. {PasswordRules.Description}
            If you did not expect this email, you can ignore it: nothing changes until the link is used.
            """;
        var html = $"""
            <p>{System.Net.WebUtility.HtmlEncode(intro)}</p>
            <p><a href="{System.Net.WebUtility.HtmlEncode(link)}">Choose a password</a></p>
            <p>The link works once and for 24 hours. {System.Net.WebUtility.HtmlEncode(PasswordRules.Description)}</p>
            <p>If you did not expect this email, you can ignore it: nothing changes until the link is used.</p>
            """;
        var message = new EmailMessage(new EmailAddress(user.Email!), subject, text, html,
            EmailMessageId.From("account", invitation ? "invitation" : "reset", user.Id.ToString("N"), Guid.NewGuid().ToString("N")[..8]));
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (EmailDeliveryException ex)
        {
            // The page answers the same whether or not the mail went out, so nobody learns which addresses exist.
            logger.LogWarning(ex, "The password link for user {UserId} could not be sent", user.Id);
        }
    }
}
