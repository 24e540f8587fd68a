using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Audit;
using Storefront.Core.Data;
using Storefront.Core.Outbox;
using Storefront.Downloads.Entitlements;

namespace Storefront.Downloads.Sharing;

/// <summary>
/// After a copy is delivered, compares the networks the purchase's copies went to within the window with the
/// thresholds. Raising a flag is one conditional write (an insert that does nothing when the row exists, or an
/// update from Cleared that names the round it saw), so however many instances deliver at once, one flag and one
/// email come of it. A flag alone never stops a download.
/// </summary>
public sealed class SharingWatch(
    StorefrontDbContext db, Outbox outbox, AuditLog audit, IOptionsMonitor<SharingOptions> options, TimeProvider clock, ILogger<SharingWatch> logger)
{
    // Attempts that sent (or are sending) bytes to the network they came from; refusals prove nothing was taken.
    private static readonly string[] CopyOutcomes =
        [DownloadOutcomes.Started, DownloadOutcomes.Delivered, DownloadOutcomes.Interrupted, DownloadOutcomes.InterruptedCounted,
            DownloadOutcomes.InterruptedResumed, DownloadOutcomes.Resuming, DownloadOutcomes.ResumeDelivered, DownloadOutcomes.ResumeInterrupted];

    public async Task AfterDeliveryAsync(Guid entitlementId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.FlagNetworks == 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddHours(-settings.WindowHours);
        var copies = await db.Set<DownloadAttempt>().AsNoTracking()
            .Where(a => a.EntitlementId == entitlementId && a.At >= since && CopyOutcomes.Contains(a.Outcome))
            .Select(a => new { a.IpAddress, a.UserAgent, a.At }).ToListAsync(cancellationToken);
        var flag = await db.Set<SharingFlag>().AsNoTracking().FirstOrDefaultAsync(f => f.EntitlementId == entitlementId, cancellationToken);
        var acknowledged = flag?.AcknowledgedNetworks() ?? new HashSet<string>();
        var networks = copies.Select(c => (Network: NetworkPrefix.Of(c.IpAddress), c.IpAddress, c.UserAgent, c.At))
            .Where(c => c.Network is not null && !acknowledged.Contains(c.Network))
            .GroupBy(c => c.Network!, StringComparer.Ordinal)
            .Select(g => new NetworkEvidence(g.Key, Distinct(g.Select(c => c.IpAddress)), Distinct(g.Select(c => c.UserAgent)),
                g.Min(c => c.At), g.Max(c => c.At), g.Count()))
            .OrderBy(n => n.First).ToList();
        if (networks.Count < settings.FlagNetworks)
        {
            return;
        }

        var evidence = SharingEvidence.Write(networks);
        var newest = networks.Max(n => n.Last);
        var round = flag switch
        {
            null => await InsertAsync(entitlementId, networks.Count, evidence, newest, now, cancellationToken) ? 1 : 0,
            { Status: SharingStatus.Cleared } => await ReopenAsync(flag, networks.Count, evidence, newest, now, cancellationToken) ? flag.Round + 1 : 0,
            _ => 0,
        };
        if (round == 0 && flag is not { Status: SharingStatus.Cleared })
        {
            // Keeps what support and the admin page see current, whoever raised the flag (the flag read above may predate
            // another delivery's insert); only a look that includes a newer copy replaces the stored one.
            await db.Set<SharingFlag>()
                .Where(f => f.EntitlementId == entitlementId && f.Status != SharingStatus.Cleared && f.Networks <= networks.Count
                    && (f.LastCopyAt == null || f.LastCopyAt < newest))
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.Networks, networks.Count).SetProperty(f => f.Evidence, evidence)
                    .SetProperty(f => f.LastCopyAt, newest), cancellationToken);
        }

        if (round > 0)
        {
            logger.LogWarning("Entitlement {EntitlementId} flagged as shared: {Networks} networks in {Hours} hours", entitlementId, networks.Count, settings.WindowHours);
        }

        if (settings.SuspendNetworks > 0 && networks.Count >= settings.SuspendNetworks)
        {
            await SuspendAsync(entitlementId, networks.Count, now, cancellationToken);
        }
    }

    private static List<string> Distinct(IEnumerable<string?> values) =>
        values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).Take(20).ToList();

    private async Task<bool> InsertAsync(Guid entitlementId, int networks, string evidence, DateTime newest, DateTime now, CancellationToken cancellationToken)
    {
        var open = nameof(SharingStatus.Open);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The order is selected from the entitlement inside the INSERT, which keeps GUIDs out of the values (their encoding differs by provider).
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sharing_flags (entitlement_id, order_id, order_number, status, round, flagged_at, networks, evidence, last_copy_at)
            SELECT e.id, e.order_id, e.order_number, {open}, 1, {now}, {networks}, {evidence}, {newest} FROM entitlements e WHERE e.id = {KeyParameter(entitlementId)}
            ON CONFLICT (entitlement_id) DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            return false;
        }

        await RaisedAsync(entitlementId, 1, networks, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<bool> ReopenAsync(SharingFlag seen, int networks, string evidence, DateTime newest, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reopened = await db.Set<SharingFlag>()
            .Where(f => f.EntitlementId == seen.EntitlementId && f.Status == SharingStatus.Cleared && f.Round == seen.Round)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, SharingStatus.Open).SetProperty(f => f.Round, seen.Round + 1)
                .SetProperty(f => f.FlaggedAt, now).SetProperty(f => f.Networks, networks).SetProperty(f => f.Evidence, evidence).SetProperty(f => f.LastCopyAt, newest)
                .SetProperty(f => f.SuspendedAt, (DateTime?)null).SetProperty(f => f.ClearedAt, (DateTime?)null), cancellationToken);
        if (reopened == 0)
        {
            return false;
        }

        await RaisedAsync(seen.EntitlementId, seen.Round + 1, networks, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The email and the audit entry, committed with the flag that won: no flag without its email, no email twice.</summary>
    private async Task RaisedAsync(Guid entitlementId, int round, int networks, CancellationToken cancellationToken)
    {
        var orderNumber = await db.Set<SharingFlag>().Where(f => f.EntitlementId == entitlementId).Select(f => f.OrderNumber).SingleAsync(cancellationToken);
        outbox.Enqueue(SharingEmailHandler.MessageType, $"{entitlementId:N}:{round}", new SharingEmailMessage(entitlementId, round));
        audit.Record("sharing.flagged", $"order {orderNumber}", $"{networks} networks; round {round}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SuspendAsync(Guid entitlementId, int networks, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var suspended = await db.Set<SharingFlag>().Where(f => f.EntitlementId == entitlementId && f.Status == SharingStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, SharingStatus.Suspended).SetProperty(f => f.SuspendedAt, now), cancellationToken);
        if (suspended == 0)
        {
            return;
        }

        await db.Set<Entitlement>().Where(e => e.Id == entitlementId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SharingSuspendedAt, now), cancellationToken);
        var orderNumber = await db.Set<SharingFlag>().Where(f => f.EntitlementId == entitlementId).Select(f => f.OrderNumber).SingleAsync(cancellationToken);
        audit.Record("sharing.suspended", $"order {orderNumber}", $"automatically, at {networks} networks");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Entitlement {EntitlementId} suspended as shared at {Networks} networks", entitlementId, networks);
    }

    /// <summary>SQLite keeps GUIDs as upper-case text, which a GUID parameter (bound as a blob) would not match.</summary>
    private object KeyParameter(Guid id) => db.Database.IsSqlite() ? id.ToString().ToUpperInvariant() : id;
}
