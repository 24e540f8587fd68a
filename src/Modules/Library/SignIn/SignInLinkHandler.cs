using System.Text.Json;
using Microsoft.Extensions.Logging;
using Storefront.Core.Content;
using Storefront.Core.Outbox;
using Storefront.Email;
using Storefront.Library.Emails;
using Storefront.Library.Shelf;

namespace Storefront.Library.SignIn;

/// <summary>
/// Sends a queued sign-in link, but only to an email that bought something here. A neutral mail to every typed
/// address would let anyone make the shop write to strangers; the page already answers the same either way, and this
/// runs after the answer, so its timing tells nothing either.
/// </summary>
public sealed class SignInLinkHandler(SignInLinks links, IBuyerOrders orders, LibraryShelf shelf, IEmailSender email, ILogger<SignInLinkHandler> logger)
    : IOutboxHandler
{
    public string Type => SignInLinks.MessageType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<SignInLinkRequest>(message.Payload)
            ?? throw new InvalidOperationException("Empty sign-in link message.");
        if (!await orders.AnyForEmailAsync(request.Email, cancellationToken))
        {
            logger.LogInformation("Library sign-in link {MessageId} not sent: the address has no orders", message.Id);
            return;
        }

        var link = new Uri($"{request.Origin}/library/sign-in?token={links.Unprotect(request.ProtectedToken)}");
        var shop = await shelf.ShopAsync(cancellationToken);
        await email.SendAsync(SignInEmail.Create(shop, request.Email, link, message.Id.ToString("N")), cancellationToken);
        logger.LogInformation("Library sign-in link {MessageId} sent", message.Id);
    }
}
