using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Core.Outbox;
using Storefront.Library.SignIn;

namespace Storefront.Library.Links;

/// <summary>What the outbox keeps of a links request.</summary>
public sealed record LinksReadyMessage(string Email, IReadOnlyList<Guid> OrderIds, string Origin);

/// <summary>
/// Queues the "download links ready" email. The request's key is the outbox message's deduplication key, so a form
/// submitted twice, even at the same instant from two tabs, is one message: the unique index lets only one row in.
/// </summary>
public sealed class LinksReadyRequests(StorefrontDbContext db, Outbox outbox, RequestLimits limits, IOptionsMonitor<LibraryOptions> options) : IBuyerLibrary
{
    public const string MessageType = "library.links-ready";

    public string Path => "/library";

    public async Task<LinksRequestResult> RequestLinksAsync(
        string email, IReadOnlyList<Guid> orderIds, string requestKey, string origin, string client, CancellationToken cancellationToken)
    {
        var key = $"{RequestLimits.EmailKey(email)}.{requestKey}";
        if (await QueuedAsync(key, cancellationToken))
        {
            return new(LinksRequestOutcome.AlreadyQueued);
        }

        var settings = options.CurrentValue;
        var wait = await limits.CountAsync(
        [
            new RequestLimit("links-address", client, settings.LinkEmailsPerAddress),
            new RequestLimit("links-email", RequestLimits.EmailKey(email), settings.LinkEmailsPerEmail),
        ], cancellationToken);
        if (wait > 0)
        {
            return new(LinksRequestOutcome.TooMany, wait);
        }

        outbox.Enqueue(MessageType, key, new LinksReadyMessage(BuyerEmail.Normalize(email), orderIds, origin));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same request raced in from another tab or instance and its row landed first.
            db.ChangeTracker.Clear();
            if (await QueuedAsync(key, CancellationToken.None))
            {
                return new(LinksRequestOutcome.AlreadyQueued);
            }

            throw;
        }

        return new(LinksRequestOutcome.Queued);
    }

    private Task<bool> QueuedAsync(string key, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AnyAsync(m => m.Type == MessageType && m.DeduplicationKey == key, cancellationToken);
}
