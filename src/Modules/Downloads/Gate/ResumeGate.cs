using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Downloads.Entitlements;
using Storefront.Media.Storage;

namespace Storefront.Downloads.Gate;

/// <summary>
/// A GET with a Range header. The range is resolved against the copy's length, which is known only by stamping (small
/// copies are kept in memory for the answer, large ones counted or remembered by <see cref="CopyLengths"/>); none of
/// the copy is answered 416. A range after the first byte of a copy started within the resume window is a resume:
/// recorded against that copy's attempt and sent without costing a use (<see cref="DownloadLedger.ResumeAsync"/>).
/// Anything else is left to the gate as an ordinary download, of the range when there is one.
/// </summary>
public sealed class ResumeGate(
    StorefrontDbContext db, ICatalogProducts products, IBlobStore blobs, MasterCache masters, CopySender sender, CopyLengths lengths,
    RequestedRange requested, DownloadLedger ledger, DownloadMetrics metrics, TimeProvider clock, ILogger<ResumeGate> logger)
{
    /// <summary>The answer, or null when the gate should answer as an ordinary download (of <see cref="RequestedRange"/>).</summary>
    public async Task<GateDecision?> OpenAsync(Guid id, HttpContext http, Func<string, DownloadAttempt> attempt, CancellationToken cancellationToken)
    {
        if (!RangeRequest.Asked(http.Request))
        {
            return null;
        }
        var entitlement = await db.Set<Entitlement>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entitlement is null || entitlement.Status is EntitlementStatus.Revoked or EntitlementStatus.Expired
            || entitlement.SuspendedAt is not null || entitlement.ExpiresAt <= clock.GetUtcNow().UtcDateTime)
        {
            // Nothing to resume: the gate says why.
            return null;
        }
        var copy = CopyOf(entitlement);
        ByteRange range;
        try
        {
            await using var master = await MasterFile.OpenAsync(products, blobs, masters, entitlement.ProductId, cancellationToken);
            if (master is null)
            {
                return null;
            }
            var request = sender.RequestFor(copy, master);
            var tag = sender.EntityTag(master, request);
            if (RangeRequest.Read(http.Request, tag) is not { } asked
                || await lengths.MeasureAsync(master, request, tag, requested, cancellationToken) is not { } length)
            {
                return null;
            }
            requested.EntityTag = tag;
            if (asked.Resolve(length) is not { } resolved)
            {
                http.Response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                http.Response.Headers.ContentRange = $"bytes */{length}";
                http.Response.Headers.ETag = tag;
                http.Response.Headers.CacheControl = "private, no-store";
                return new GateDecision(null, entitlement.LicenseCode, null);
            }
            range = resolved;
            requested.Range = range;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The buyer left while the copy was measured; nothing was reserved or sent.
            return new GateDecision(null, entitlement.LicenseCode, null);
        }

        if (range.From == 0 || await ledger.ResumeAsync(id, attempt(DownloadOutcomes.Resuming), CancellationToken.None) is not { } attemptId)
        {
            return null;
        }
        var (settlement, bytes) = await SendAsync(copy, http, cancellationToken);
        await ledger.SettleResumeAsync(attemptId, settlement, bytes, CancellationToken.None);
        metrics.Counted(settlement switch
        {
            Settlement.Delivered => DownloadMetrics.Outcomes.Served,
            Settlement.Interrupted => DownloadMetrics.Outcomes.Interrupted,
            _ => DownloadMetrics.Outcomes.Unavailable,
        });
        logger.LogInformation("Download resume for entitlement {EntitlementId} from byte {From}: {Outcome} after {Bytes} bytes", id, range.From, settlement, bytes);
        var unavailable = settlement == Settlement.NotSent && !http.Response.HasStarted;
        return new GateDecision(unavailable ? Denial.Unavailable : null, entitlement.LicenseCode, null);
    }

    private async Task<(Settlement, long)> SendAsync(ReservedCopy copy, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            // Opened again: measuring a large copy read the master to its end.
            await using var master = await MasterFile.OpenAsync(products, blobs, masters, copy.ProductId, cancellationToken);
            return master is null ? (Settlement.NotSent, 0) : await sender.SendAsync(copy, master, http);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !http.Response.HasStarted)
        {
            return (Settlement.Interrupted, 0);
        }
    }

    internal static ReservedCopy CopyOf(Entitlement entitlement) => new()
    {
        EntitlementId = entitlement.Id,
        ProductId = entitlement.ProductId,
        OrderNumber = entitlement.OrderNumber,
        BuyerEmail = entitlement.BuyerEmail,
        BuyerName = entitlement.BuyerName,
        Fingerprint = entitlement.Fingerprint,
        LicenseCode = entitlement.LicenseCode,
    };
}
