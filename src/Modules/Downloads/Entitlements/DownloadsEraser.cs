using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Privacy;
using Storefront.Downloads.Sharing;

namespace Storefront.Downloads.Entitlements;

/// <summary>
/// A buyer's entitlements keep their order, uses and fingerprint (a leaked copy still traces to the order) but not the
/// name and address; their download log, and any shared-link flag's evidence,
/// lose their IP addresses and user agents. Later copies show the licence code only.
/// </summary>
internal sealed class DownloadsEraser(StorefrontDbContext db) : IPersonalDataEraser
{
    public async Task<IReadOnlyList<PersonalDataCount>> EraseAsync(string email, ErasedBuyer? replacement, CancellationToken cancellationToken)
    {
        var ids = await db.Set<Entitlement>().Where(e => e.BuyerEmail.ToLower() == email).Select(e => e.Id).ToListAsync(cancellationToken);
        var attempts = db.Set<DownloadAttempt>().Where(a => a.EntitlementId != null && ids.Contains(a.EntitlementId.Value)
            && (a.IpAddress != null || a.UserAgent != null));
        var logged = replacement is null ? await attempts.CountAsync(cancellationToken)
            : await attempts.ExecuteUpdateAsync(s => s.SetProperty(a => a.IpAddress, (string?)null).SetProperty(a => a.UserAgent, (string?)null), cancellationToken);
        // A shared-link flag's evidence lists the addresses and user agents of the copies: it goes with the log.
        var flags = db.Set<SharingFlag>().Where(f => ids.Contains(f.EntitlementId) && f.Evidence != SharingEvidence.None);
        var flagged = replacement is null ? await flags.CountAsync(cancellationToken)
            : await flags.ExecuteUpdateAsync(s => s.SetProperty(f => f.Evidence, SharingEvidence.None), cancellationToken);
        if (replacement is not null)
        {
            await db.Set<Entitlement>().Where(e => ids.Contains(e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.BuyerEmail, replacement.Email).SetProperty(e => e.BuyerName, replacement.Name), cancellationToken);
        }
        return [new("Downloads", "entitlements", ids.Count), new("Downloads", "download log entries", logged),
            new("Downloads", "shared-link flags' evidence", flagged)];
    }
}
