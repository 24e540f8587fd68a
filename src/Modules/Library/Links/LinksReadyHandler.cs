using System.Text.Json;
using Microsoft.Extensions.Logging;
using Storefront.Core.Outbox;
using Storefront.Email;
using Storefront.Library.Emails;
using Storefront.Library.Shelf;

namespace Storefront.Library.Links;

/// <summary>
/// Sends the "download links ready" email: fresh links for the rights that still give copies, as they stand when it is
/// sent. With none left (used up, refunded since) there is nothing to mail; the library page says why.
/// </summary>
public sealed class LinksReadyHandler(LibraryShelf shelf, IEmailSender email, ILogger<LinksReadyHandler> logger) : IOutboxHandler
{
    public string Type => LinksReadyRequests.MessageType;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<LinksReadyMessage>(message.Payload)
            ?? throw new InvalidOperationException("Empty links-ready message.");
        var orders = await shelf.ForAsync(request.Email, request.Origin, request.OrderIds, cancellationToken);
        var links = orders.SelectMany(o => o.Items.Where(i => i.Link is not null)
            .Select(i => new ReadyLink(i.Grant.ProductTitle, o.Order.Number, i.Link!, i.Grant.UsesLeft, i.Grant.ExpiresAt))).ToList();
        if (links.Count == 0)
        {
            logger.LogInformation("Links email {MessageId} not sent: no download can be had now", message.Id);
            return;
        }

        var shop = await shelf.ShopAsync(cancellationToken);
        var library = new Uri($"{request.Origin}/library");
        await email.SendAsync(LinksReadyEmail.Create(shop, request.Email, links, library, message.Id.ToString("N")), cancellationToken);
        logger.LogInformation("Links email {MessageId} sent with {Count} links", message.Id, links.Count);
    }
}
