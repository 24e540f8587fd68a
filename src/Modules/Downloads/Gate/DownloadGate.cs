using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Downloads.Entitlements;
using Storefront.Media.Storage;

namespace Storefront.Downloads.Gate;

/// <summary>What is left of a purchase: downloads, and interrupted copies that will still give their use back.</summary>
public sealed record RemainingUses(int Downloads, int Retries);

/// <summary>The gate's answer: a copy was sent (or described, for HEAD), or the reason why not.</summary>
public sealed record GateDecision(Denial? Denial, string? LicenseCode, RemainingUses? Remaining);

/// <summary>
/// Verify the token → reserve one use and record the attempt as started, in one transaction → stamp and send
/// the copy → spend the use once the buyer has it all, or give it back. A HEAD (mail scanners, link previews)
/// is answered with the copy's headers and consumes nothing. Every GET is logged with its outcome, IP and user agent.
/// </summary>
public sealed class DownloadGate(
    DownloadTokens tokens, EntitlementService entitlements, DownloadLedger ledger, StorefrontDbContext db, ICatalogProducts products,
    IBlobStore blobs, MasterCache masters, CopySender sender, ResumeGate resumes, CopyLengths lengths, DownloadMetrics metrics, IOptionsMonitor<DownloadsOptions> options, TimeProvider clock, ILogger<DownloadGate> logger)
{
    public async Task<GateDecision> OpenAsync(string token, HttpContext http, CancellationToken cancellationToken)
    {
        var head = HttpMethods.IsHead(http.Request.Method);
        var mark = Stopwatch.GetTimestamp();
        var check = tokens.Check(token, out var id);
        if (check != TokenCheck.Valid)
        {
            var denial = check == TokenCheck.Expired ? Denial.Expired : Denial.Invalid;
            if (!head)
            {
                metrics.Counted(OutcomeOf(denial));
                await RecordAsync(check == TokenCheck.Expired ? id : null, denial.ToString(), http);
            }
            return new GateDecision(denial, null, null);
        }

        if (head)
        {
            return await DescribeAsync(id, http, cancellationToken);
        }

        mark = metrics.Phase("token", mark);
        if (await resumes.OpenAsync(id, http, outcome => Attempt(http, outcome), cancellationToken) is { } ranged)
        {
            return ranged;
        }
        // Not cancellable: a buyer who hangs up mid-reservation would otherwise roll it back half-way. Once reserved, the
        // attempt is settled below like any other interrupted copy, which gives the use back.
        var reservation = await ledger.StartAsync(id, Attempt(http, DownloadOutcomes.Started), CancellationToken.None);
        if (reservation.AttemptId is not { } attemptId)
        {
            var denial = DenialFor(reservation.Result);
            metrics.Counted(OutcomeOf(denial));
            await RecordAsync(reservation.Result == ConsumeResult.NotFound ? null : id,
                reservation.Result == ConsumeResult.Busy ? DownloadOutcomes.Busy : denial.ToString(), http);
            return await DeniedAsync(id, denial, cancellationToken);
        }

        var copy = reservation.Copy!;
        metrics.Phase("reserve", mark);
        var (settlement, bytes) = await SendAsync(copy, http, cancellationToken);
        mark = Stopwatch.GetTimestamp();
        await ledger.SettleAsync(attemptId, settlement, bytes, CancellationToken.None, id);
        metrics.Phase("settle", mark);
        metrics.Counted(settlement switch
        {
            Settlement.Delivered => DownloadMetrics.Outcomes.Served,
            Settlement.Interrupted => DownloadMetrics.Outcomes.Interrupted,
            _ => DownloadMetrics.Outcomes.Unavailable,
        });
        logger.LogInformation("Download attempt for entitlement {EntitlementId}: {Outcome} after {Bytes} bytes", id, settlement, bytes);
        return settlement == Settlement.NotSent && !http.Response.HasStarted
            ? await DeniedAsync(id, Denial.Unavailable, CancellationToken.None)
            : new GateDecision(null, copy.LicenseCode, null);
    }

    private async Task<(Settlement, long)> SendAsync(ReservedCopy copy, HttpContext http, CancellationToken cancellationToken)
    {
        var mark = Stopwatch.GetTimestamp();
        MasterFile? master;
        try
        {
            master = await MasterFile.OpenAsync(products, blobs, masters, copy.ProductId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The buyer left before a byte was stamped: settled as an interrupted copy, so the use comes back.
            return (Settlement.Interrupted, 0);
        }
        await using var _ = master;
        metrics.Phase("master", mark);
        if (master is null)
        {
            logger.LogError("Entitlement {EntitlementId}: the master of product {ProductId} is unset or missing from storage", copy.EntitlementId, copy.ProductId);
            return (Settlement.NotSent, 0);
        }
        return await sender.SendAsync(copy, master, http);
    }

    /// <summary>HEAD: the headers a GET would send, without stamping, reserving or recording anything.</summary>
    private async Task<GateDecision> DescribeAsync(Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        var state = await entitlements.WhyNotAsync(id, cancellationToken);
        if (state != ConsumeResult.Allowed)
        {
            return await DeniedAsync(id, DenialFor(state), cancellationToken);
        }

        var entitlement = await db.Set<Entitlement>().AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
        var product = await products.FindAsync(entitlement.ProductId, cancellationToken);
        await using var master = product is null ? null : await MasterFile.OpenAsync(blobs, masters, product, cancellationToken);
        if (master is null)
        {
            return await DeniedAsync(id, Denial.Unavailable, cancellationToken);
        }
        var tag = sender.EntityTag(master, sender.RequestFor(ResumeGate.CopyOf(entitlement), master));
        Attachment.Apply(http.Response, master.ContentType, master.FileName, master.IsPdf ? lengths.Find(tag) : master.Length, tag);
        return new GateDecision(null, entitlement.LicenseCode, null);
    }

    private async Task<GateDecision> DeniedAsync(Guid id, Denial denial, CancellationToken cancellationToken)
    {
        var entitlement = await db.Set<Entitlement>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var remaining = entitlement is null ? null
            : new RemainingUses(entitlement.UsesLeft, Math.Max(0, options.CurrentValue.MaxInterruptedCopies - entitlement.InterruptedCopies));
        return new GateDecision(denial, entitlement?.LicenseCode, remaining);
    }

    private static Denial DenialFor(ConsumeResult result) => result switch
    {
        ConsumeResult.Expired => Denial.Expired,
        ConsumeResult.UsedUp => Denial.UsedUp,
        ConsumeResult.Revoked => Denial.Revoked,
        ConsumeResult.UnderReview => Denial.UnderReview,
        ConsumeResult.Busy => Denial.Busy,
        ConsumeResult.SharingReview => Denial.SharingReview,
        _ => Denial.Invalid,
    };

    private static string OutcomeOf(Denial denial) => denial switch
    {
        Denial.Expired => DownloadMetrics.Outcomes.Expired,
        Denial.UsedUp => DownloadMetrics.Outcomes.Exhausted,
        Denial.UnderReview or Denial.SharingReview => DownloadMetrics.Outcomes.Suspended,
        Denial.Busy => DownloadMetrics.Outcomes.Busy,
        Denial.Unavailable => DownloadMetrics.Outcomes.Unavailable,
        _ => DownloadMetrics.Outcomes.Refused,
    };

    private DownloadAttempt Attempt(HttpContext http, string outcome)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        return new DownloadAttempt
        {
            At = clock.GetUtcNow().UtcDateTime,
            Outcome = outcome,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = agent.Length > 400 ? agent[..400] : agent,
        };
    }

    private async Task RecordAsync(Guid? entitlementId, string outcome, HttpContext http)
    {
        var attempt = Attempt(http, outcome);
        attempt.EntitlementId = entitlementId;
        db.Add(attempt);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Download attempt for entitlement {EntitlementId}: {Outcome}", entitlementId, outcome);
    }
}
