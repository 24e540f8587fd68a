using Microsoft.EntityFrameworkCore;

namespace Storefront.Downloads.Entitlements;

/// <summary>
/// Resumes: a byte range after the first byte of a copy, within <see cref="DownloadsOptions.ResumeWindow"/> of the
/// attempt that started that copy, finishes a download already paid for and costs no further use. A copy whose use is
/// spent or held (delivered, counted, still on its way) is resumed for free. A copy that broke off gave its use back;
/// resuming it takes that use again, once, because the copy is being finished after all: a whole copy is one use,
/// however many pieces it arrived in, and a break that is resumed no longer counts against the free retries.
/// Every step is a conditional UPDATE on the anchor attempt and then the entitlement (the order settling uses too),
/// so concurrent resumes, a settling copy and a revocation are judged one after another on SQLite and PostgreSQL.
/// </summary>
public sealed partial class DownloadLedger
{
    private static readonly string[] Held = [DownloadOutcomes.Started, DownloadOutcomes.Delivered, DownloadOutcomes.InterruptedCounted, DownloadOutcomes.InterruptedResumed];

    private static readonly string[] GivenBack = [DownloadOutcomes.Interrupted, DownloadOutcomes.Abandoned];

    /// <summary>
    /// Records <paramref name="attempt"/> as a resume and returns its id, or null when it is not one (no copy started
    /// within the window, or the copy's use was given back and none is left to take again): then it is an ordinary
    /// download. Revoked, suspended and expired rights are never resumed; used-up ones are.
    /// </summary>
    public async Task<Guid?> ResumeAsync(Guid id, DownloadAttempt attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = options.CurrentValue.ResumeWindow;
        if (window <= TimeSpan.Zero)
        {
            return null;
        }
        var since = now - window;
        // A few rounds at most: each retry means the anchor was settled in between, which happens once.
        for (var round = 0; round < 3; round++)
        {
            var anchor = await db.Set<DownloadAttempt>().AsNoTracking()
                .Where(a => a.EntitlementId == id && a.ResumeOf == null && a.At > since
                    && (a.Outcome == DownloadOutcomes.Started || ((Held.Contains(a.Outcome) || GivenBack.Contains(a.Outcome)) && a.BytesSent > 0)))
                .OrderByDescending(a => a.At).Select(a => new { a.Id, a.Outcome }).FirstOrDefaultAsync(cancellationToken);
            if (anchor is null)
            {
                return null;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var taken = GivenBack.Contains(anchor.Outcome);
            var claimed = await db.Set<DownloadAttempt>().Where(a => a.Id == anchor.Id && a.Outcome == anchor.Outcome)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Outcome, taken ? DownloadOutcomes.InterruptedResumed : anchor.Outcome), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            var allowed = taken
                ? await TakeUseAgainAsync(id, anchor.Outcome == DownloadOutcomes.Interrupted ? 1 : 0, now, cancellationToken)
                : await StillResumableAsync(id, now, cancellationToken);
            if (!allowed)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }
            attempt.EntitlementId = id;
            attempt.Outcome = DownloadOutcomes.Resuming;
            attempt.ResumeOf = anchor.Id;
            db.Add(attempt);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return attempt.Id;
        }
        return null;
    }

    /// <summary>Ends a resume once; a resume holds no use, so nothing else changes.</summary>
    public Task<int> SettleResumeAsync(Guid attemptId, Settlement settlement, long bytesSent, CancellationToken cancellationToken)
    {
        var outcome = settlement switch
        {
            Settlement.Delivered => DownloadOutcomes.ResumeDelivered,
            Settlement.Interrupted => DownloadOutcomes.ResumeInterrupted,
            _ => DownloadOutcomes.Unavailable,
        };
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<DownloadAttempt>().Where(a => a.Id == attemptId && a.Outcome == DownloadOutcomes.Resuming)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Outcome, outcome).SetProperty(a => a.FinishedAt, now)
                .SetProperty(a => a.BytesSent, bytesSent), cancellationToken);
    }

    private Task<bool> WasResumedAsync(Guid attemptId, CancellationToken cancellationToken) =>
        db.Set<DownloadAttempt>().AnyAsync(a => a.ResumeOf == attemptId, cancellationToken);

    /// <summary>A right not revoked, suspended or past its expiry; touching its row orders this against a revocation.</summary>
    private async Task<bool> StillResumableAsync(Guid id, DateTime now, CancellationToken cancellationToken)
    {
        var (active, exhausted) = (nameof(EntitlementStatus.Active), nameof(EntitlementStatus.Exhausted));
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE entitlements SET streams_open = streams_open
            WHERE id = {KeyParameter(id)} AND status IN ({active}, {exhausted}) AND suspended_at IS NULL AND expires_at > {now}
            """, cancellationToken) == 1;
    }

    /// <summary>The use a broken-off copy gave back, spent again now that the copy is being finished.</summary>
    private async Task<bool> TakeUseAgainAsync(Guid id, int forgiven, DateTime now, CancellationToken cancellationToken)
    {
        var (active, exhausted) = (nameof(EntitlementStatus.Active), nameof(EntitlementStatus.Exhausted));
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE entitlements
            SET uses_left = uses_left - 1, interrupted_copies = interrupted_copies - {forgiven},
                status = CASE WHEN uses_left = 1 THEN {exhausted} ELSE {active} END
            WHERE id = {KeyParameter(id)} AND status = {active} AND suspended_at IS NULL AND uses_left > 0 AND expires_at > {now}
            """, cancellationToken) == 1;
    }
}
