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
/// Queues the "download links ready" email. The request's key (the email and the form's nonce) is claimed once and is
/// the outbox message's deduplication key, so a form submitted twice, even at the same instant from two tabs or
/// instances, is one message.
/// </summary>
public sealed class LinksReadyRequests(StorefrontDbContext db, Outbox outbox, RequestLimits limits, IOptionsMonitor<LibraryOptions> options) : IBuyerLibrary
{
    public const string MessageType = "library.links-ready";

    public string Path => "/library";

    public async Task<LinksRequestResult> RequestLinksAsync(
        string email, IReadOnlyList<Guid> orderIds, string requestKey, string origin, string client, CancellationToken cancellationToken)
    {
        var key = $"{RequestLimits.EmailKey(email)}.{requestKey}";
        if (await outbox.IsQueuedAsync(MessageType, key, cancellationToken))
        {
            return new(LinksRequestOutcome.AlreadyQueued);
        }

        var settings = options.CurrentValue;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // The request's key is claimed first and the limits are counted in the same transaction: a duplicate in
            // flight waits for the claim and then finds it taken before it counts, and a refused request leaves nothing.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await limits.ClaimAsync("links-request", key, cancellationToken))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return new LinksRequestResult(LinksRequestOutcome.AlreadyQueued);
            }

            var wait = await limits.CountAsync(
            [
                new RequestLimit("links-address", client, settings.LinkEmailsPerAddress),
                new RequestLimit("links-email", RequestLimits.EmailKey(email), settings.LinkEmailsPerEmail),
            ], cancellationToken);
            if (wait > 0)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return new LinksRequestResult(LinksRequestOutcome.TooMany, wait);
            }

            outbox.Enqueue(MessageType, key, new LinksReadyMessage(BuyerEmail.Normalize(email), orderIds, origin));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new LinksRequestResult(LinksRequestOutcome.Queued);
        });
    }
}
