using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;
using Storefront.Downloads.Sharing;

namespace Storefront.Downloads.Entitlements;

/// <summary>The outcomes a download attempt is recorded with.</summary>
public static class DownloadOutcomes
{
    /// <summary>A copy is on its way; its use is held in reserve until the attempt is settled.</summary>
    public const string Started = nameof(Started);

    /// <summary>The whole copy was written and the response completed: the use is spent.</summary>
    public const string Delivered = nameof(Delivered);

    /// <summary>The buyer stopped receiving part-way, within the allowance: the use was given back.</summary>
    public const string Interrupted = nameof(Interrupted);

    /// <summary>Broken off part-way past the allowance of interrupted copies: the partial copy counts as a download.</summary>
    public const string InterruptedCounted = nameof(InterruptedCounted);

    /// <summary>The shop could not produce the copy; nothing usable was sent and the use was given back.</summary>
    public const string Unavailable = nameof(Unavailable);

    /// <summary>Still "started" long after any copy could have finished (the process died): the use was given back.</summary>
    public const string Abandoned = nameof(Abandoned);

    /// <summary>Too many copies of the purchase were already on their way.</summary>
    public const string Busy = nameof(Busy);

    /// <summary>A resume (a byte range of a copy started earlier) is on its way; it holds no use.</summary>
    public const string Resuming = nameof(Resuming);

    /// <summary>The resumed range went out whole.</summary>
    public const string ResumeDelivered = nameof(ResumeDelivered);

    /// <summary>The resumed range broke off; it may be resumed again within the window, still at no cost.</summary>
    public const string ResumeInterrupted = nameof(ResumeInterrupted);

    /// <summary>Broken off part-way and then resumed: the copy is being finished, so its use is spent after all.</summary>
    public const string InterruptedResumed = nameof(InterruptedResumed);
}

/// <summary>How an attempt ended, as the gate or the sweep saw it.</summary>
public enum Settlement
{
    Delivered,

    /// <summary>Part of a copy went out; counted against the allowance of interrupted copies.</summary>
    Interrupted,

    /// <summary>No byte of a copy went out, or the shop itself failed: the use comes back without counting anything.</summary>
    NotSent,

    Abandoned,
}

/// <summary>The result of trying to start a copy; <see cref="AttemptId"/> and <see cref="Copy"/> are set when allowed.</summary>
public sealed record Reservation(ConsumeResult Result, Guid? AttemptId, ReservedCopy? Copy = null);

/// <summary>What a copy needs from its entitlement, returned by the statement that reserved its use.</summary>
public sealed class ReservedCopy
{
    public Guid EntitlementId { get; set; }

    public Guid ProductId { get; set; }

    public long OrderNumber { get; set; }

    public required string BuyerEmail { get; set; }

    public string? BuyerName { get; set; }

    public required string Fingerprint { get; set; }

    public required string LicenseCode { get; set; }
}

/// <summary>
/// Reserves a use when a copy starts and settles it when the copy ends. Reserving is one conditional UPDATE
/// that also counts the copies already on their way, so however many requests race, the database lets
/// through no more than the uses left and the streams allowed; the attempt row is written in the same
/// transaction, so a use is never held without a trace.
/// </summary>
public sealed partial class DownloadLedger(
    StorefrontDbContext db, EntitlementService entitlements, IOptionsMonitor<DownloadsOptions> options, TimeProvider clock, SharingWatch sharing, ILogger<DownloadLedger> logger)
{
    public async Task<Reservation> StartAsync(Guid id, DownloadAttempt attempt, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var maxStreams = options.CurrentValue.MaxConcurrentStreams;
        var (active, exhausted) = (nameof(EntitlementStatus.Active), nameof(EntitlementStatus.Exhausted));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One statement reserves the use and returns what the copy needs: the row is touched once per download.
        var reserved = await db.Database.SqlQuery<ReservedCopy>($"""
            UPDATE entitlements
            SET uses_left = uses_left - 1, streams_open = streams_open + 1,
                status = CASE WHEN uses_left = 1 THEN {exhausted} ELSE {active} END
            WHERE id = {KeyParameter(id)} AND status = {active} AND suspended_at IS NULL AND sharing_suspended_at IS NULL AND uses_left > 0
                AND expires_at > {now} AND streams_open < {maxStreams}
            RETURNING id AS entitlement_id, product_id, order_number, buyer_email, buyer_name, fingerprint, license_code
            """).ToListAsync(cancellationToken);
        if (reserved is [var copy])
        {
            attempt.EntitlementId = id;
            attempt.Outcome = DownloadOutcomes.Started;
            db.Add(attempt);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Reservation(ConsumeResult.Allowed, attempt.Id, copy);
        }

        await transaction.RollbackAsync(cancellationToken);
        // A live right with uses left was refused only for the copies already on their way (some may have ended since).
        var why = await entitlements.WhyNotAsync(id, cancellationToken);
        return new Reservation(why == ConsumeResult.Allowed ? ConsumeResult.Busy : why, null);
    }

    /// <summary>
    /// Ends an attempt once. Whoever moves the row out of "started" first (the gate, or the sweep after a crash)
    /// settles the use; the other finds nothing to do. The gate names the entitlement it reserved, which saves reading it back.
    /// </summary>
    public async Task SettleAsync(Guid attemptId, Settlement settlement, long? bytesSent, CancellationToken cancellationToken, Guid? entitlementOf = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = settlement switch
        {
            Settlement.Delivered => DownloadOutcomes.Delivered,
            Settlement.Interrupted => DownloadOutcomes.Interrupted,
            Settlement.NotSent => DownloadOutcomes.Unavailable,
            _ => DownloadOutcomes.Abandoned,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var attempts = db.Set<DownloadAttempt>().Where(a => a.Id == attemptId);
        var claimed = await attempts.Where(a => a.Outcome == DownloadOutcomes.Started).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Outcome, outcome).SetProperty(a => a.FinishedAt, now).SetProperty(a => a.BytesSent, bytesSent), cancellationToken);
        if (claimed == 0 || (entitlementOf ?? await attempts.Select(a => a.EntitlementId).SingleAsync(cancellationToken)) is not { } entitlementId)
        {
            return;
        }

        // A copy already resumed elsewhere is being finished: its use stays spent (see ResumeAsync).
        var resumed = settlement is Settlement.Interrupted or Settlement.Abandoned && await WasResumedAsync(attemptId, cancellationToken);
        var counted = settlement == Settlement.Interrupted && !resumed ? 1 : 0;
        var entitlement = db.Set<Entitlement>().Where(e => e.Id == entitlementId);
        await entitlement.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.StreamsOpen, e => e.StreamsOpen - 1)
            .SetProperty(e => e.InterruptedCopies, e => e.InterruptedCopies + counted), cancellationToken);
        if (resumed)
        {
            await attempts.ExecuteUpdateAsync(s => s.SetProperty(a => a.Outcome, DownloadOutcomes.InterruptedResumed), cancellationToken);
        }
        else if (settlement != Settlement.Delivered)
        {
            // The count was raised above inside this transaction, so concurrent interruptions are judged one by one.
            var allowance = settlement == Settlement.Interrupted ? options.CurrentValue.MaxInterruptedCopies : int.MaxValue;
            var givenBack = await entitlements.GiveBackAsync(entitlementId, allowance, cancellationToken);
            if (givenBack == 0 && settlement == Settlement.Interrupted)
            {
                await attempts.ExecuteUpdateAsync(s => s.SetProperty(a => a.Outcome, DownloadOutcomes.InterruptedCounted), cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        // A copy broken off part-way still went to that network (and a reader that hangs up at the last byte looks
        // broken off), so both count towards a shared link.
        if (settlement is Settlement.Delivered or Settlement.Interrupted)
        {
            await WatchForSharingAsync(entitlementId);
        }
    }

    /// <summary>The copy is delivered whatever this finds: a failure to judge sharing is logged, never the buyer's problem.</summary>
    private async Task WatchForSharingAsync(Guid entitlementId)
    {
        try
        {
            await sharing.AfterDeliveryAsync(entitlementId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
        {
            logger.LogError(ex, "Could not judge whether entitlement {EntitlementId} is shared", entitlementId);
        }
    }

    /// <summary>
    /// A key as the provider stores it in raw SQL: SQLite keeps GUIDs as upper-case text, which a GUID parameter
    /// (bound as a blob) would not match; PostgreSQL takes the uuid itself.
    /// </summary>
    private object KeyParameter(Guid id) => db.Database.IsSqlite() ? id.ToString().ToUpperInvariant() : id;

    /// <summary>Settles attempts still "started" that began before <paramref name="startedBefore"/>; returns how many.</summary>
    public async Task<int> SweepAsync(DateTime startedBefore, CancellationToken cancellationToken)
    {
        var stale = await db.Set<DownloadAttempt>().AsNoTracking()
            .Where(a => a.Outcome == DownloadOutcomes.Started && a.At < startedBefore)
            .OrderBy(a => a.At).Select(a => a.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var attemptId in stale)
        {
            await SettleAsync(attemptId, Settlement.Abandoned, null, cancellationToken);
        }
        return stale.Count;
    }
}
