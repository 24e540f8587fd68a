using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Storefront.Core.Data;
using Storefront.Core.Outbox;
using Storefront.Core.Settings;
using Storefront.Email;
using Storefront.Users.Models;

namespace Storefront.Users.Services;

/// <summary>What the outbox keeps of a requested link: the typed address, whether or not it has an account.</summary>
public sealed record AccountLinkRequest(string Email, string Origin, bool Invitation);

/// <summary>
/// Password-reset and invitation emails: both carry a link with Identity's reset token, so an
/// invited user chooses their own password and no password ever travels by email.
/// They go through the outbox, so the page that asks for one does no mail work and answers in the same time
/// whether the address has an account, the mail server is slow, or it is down (the outbox retries).
/// </summary>
public sealed class AccountEmails(UserManager<StorefrontUser> users, IEmailSender sender, SiteSettingsStore settings, Outbox outbox, StorefrontDbContext db)
{
    public const string MessageType = "users.password-link";

    /// <summary>How long a reset or invitation link works (Identity's token lifespan).</summary>
    public const int LinkHours = 24;

    /// <summary>
    /// Queues a link for <paramref name="email"/> without looking the address up: an unknown address costs the
    /// request exactly what a real one does (one row), and the outbox finds out later that there is nobody to mail.
    /// </summary>
    public async Task QueueResetLinkAsync(string email, string origin, bool invitation, CancellationToken cancellationToken = default)
    {
        outbox.Enqueue(MessageType, Guid.CreateVersion7().ToString("N"), new AccountLinkRequest(email, origin, invitation));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Sends the link; a delivery failure propagates so the outbox retries. <paramref name="deliveryKey"/> is the
    /// same on every retry, so a receiver drops a copy that went out twice.
    /// </summary>
    public async Task SendResetLinkAsync(StorefrontUser user, string origin, bool invitation, string deliveryKey, CancellationToken cancellationToken = default)
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

            The link works once and for {LinkHours} hours. {PasswordRules.Description}
            If you did not expect this email, you can ignore it: nothing changes until the link is used.
            """;
        var html = $"""
            <p>{System.Net.WebUtility.HtmlEncode(intro)}</p>
            <p><a href="{System.Net.WebUtility.HtmlEncode(link)}">Choose a password</a></p>
            <p>The link works once and for {LinkHours} hours. {System.Net.WebUtility.HtmlEncode(PasswordRules.Description)}</p>
            <p>If you did not expect this email, you can ignore it: nothing changes until the link is used.</p>
            """;
        var message = new EmailMessage(new EmailAddress(user.Email!), subject, text, html,
            EmailMessageId.From("account", invitation ? "invitation" : "reset", user.Id.ToString("N"), deliveryKey))
        {
            Template = new(invitation ? AccountTemplates.Invitation : AccountTemplates.Reset,
                new AccountLinkMail(site, user.Email!, new Uri(link), LinkHours, PasswordRules.Description)),
        };
        await sender.SendAsync(message, cancellationToken);
    }
}
