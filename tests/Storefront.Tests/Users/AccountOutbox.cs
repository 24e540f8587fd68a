using Microsoft.EntityFrameworkCore;
using Storefront.Core.Outbox;
using Storefront.Tests.Infrastructure;
using Storefront.Users.Services;

namespace Storefront.Tests.Users;

/// <summary>The account links the app queued, read from its outbox: a positive signal that a queued request was dealt with.</summary>
internal static class AccountOutbox
{
    public static Task<List<OutboxMessage>> ListAsync(StorefrontApp app) =>
        app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Type == AccountEmails.MessageType).ToListAsync());

    /// <summary>Waits until at least one link was queued and every queued link was carried out.</summary>
    public static Task WaitUntilDrainedAsync(StorefrontApp app) =>
        Eventually.HoldsAsync(async () => await ListAsync(app) is { Count: > 0 } all && all.All(m => m.ProcessedAt is not null), "The account outbox draining");
}
