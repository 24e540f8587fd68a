using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Storefront.Core.Outbox;
using Storefront.Users.Models;

namespace Storefront.Users.Services;

/// <summary>Sends a queued reset or invitation link; an address without an account gets nothing, silently.</summary>
public sealed class AccountLinkHandler(UserManager<StorefrontUser> users, AccountEmails emails) : IOutboxHandler
{
    public string Type => AccountEmails.MessageType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<AccountLinkRequest>(message.Payload)
            ?? throw new InvalidOperationException("Empty account link message.");
        if (await users.FindByEmailAsync(request.Email) is { } user)
        {
            await emails.SendResetLinkAsync(user, request.Origin, request.Invitation, message.Id.ToString("N"), cancellationToken);
        }
    }
}
