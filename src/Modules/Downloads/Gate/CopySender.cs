using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Stamping;

namespace Storefront.Downloads.Gate;

/// <summary>
/// Stamps a buyer's copy and sends it whole, or not at all: a small master is stamped in memory and sent with
/// its exact length, a large one streams while qpdf writes it, without a length. A slow reader is cut off by a
/// minimum data rate and every copy by a total deadline, so nobody holds a use, a thread and the copy's memory
/// for long. Ranges are not offered: every answer is the whole copy.
/// </summary>
public sealed class CopySender(IPdfStamper stamper, DownloadMetrics metrics, IOptionsMonitor<DownloadsOptions> options, ILogger<CopySender> logger)
{
    // Kestrel needs a grace of more than its one-second heartbeat; five seconds rides out a brief network hiccup.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    internal async Task<(Settlement Settlement, long Bytes)> SendAsync(ReservedCopy copy, MasterFile master, HttpContext http)
    {
        var limits = options.CurrentValue;
        if (http.Features.Get<IHttpMinResponseDataRateFeature>() is { } rate
            && (HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol)))
        {
            rate.MinDataRate = new MinDataRate(limits.MinDataRateBytesPerSecond, Grace);
        }
        using var overtime = new CancellationTokenSource(TimeSpan.FromSeconds(limits.MaxStreamSeconds));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, overtime.Token);

        var sliceLimit = Grace + TimeSpan.FromSeconds((double)StreamedCopy.SliceLength / limits.MinDataRateBytesPerSecond);
        var request = new StampRequest(copy.BuyerName ?? copy.BuyerEmail, copy.BuyerEmail,
            copy.OrderNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), copy.Fingerprint) { Privacy = master.StampPrivacy };
        StreamedCopy? body = null;
        try
        {
            StampOutcome outcome;
            var mark = Stopwatch.GetTimestamp();
            if (master.Length is { } small && small <= StampJob.StreamingThreshold)
            {
                var result = await StampInMemoryAsync(master, request, deadline.Token);
                Stamped(result.Status, mark);
                mark = metrics.Phase("stamp", mark);
                outcome = new StampOutcome(result.Status, result.Rejection, result.Message, result.PageCount, result.Output.Length);
                if (result.Status != StampStatus.Rejected)
                {
                    body = new StreamedCopy(http.Response, master.ContentType, master.FileName, result.Output.Length, sliceLimit);
                    await body.WriteAsync(result.Output, deadline.Token);
                }
            }
            else
            {
                // A large copy is stamped while it streams: its stamping time includes writing it out.
                body = new StreamedCopy(http.Response, master.ContentType, master.FileName, master.IsPdf ? null : master.Length, sliceLimit);
                outcome = await stamper.StampAsync(master.Content, body, request, deadline.Token);
                Stamped(outcome.Status, mark);
                mark = metrics.Phase("stamp", mark);
            }

            if (outcome.Status == StampStatus.Rejected)
            {
                logger.LogError("Entitlement {EntitlementId}: the master cannot be stamped: {Reason}", copy.EntitlementId, outcome.Message);
                if (body?.Started != true)
                {
                    return (Settlement.NotSent, 0);
                }
                // Cut off rather than ended cleanly, so the buyer's browser reports a failure instead of keeping a truncated file.
                http.Abort();
                return (Settlement.Interrupted, body.Written);
            }

            await http.Response.CompleteAsync();
            mark = metrics.Phase("send", mark);
            var acknowledged = await DeliveryConfirmation.AcknowledgedAsync(http, Grace, deadline.Token);
            metrics.Phase("confirm", mark);
            if (acknowledged)
            {
                return (Settlement.Delivered, body?.Written ?? 0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && (deadline.IsCancellationRequested || body?.Stalled == true))
        {
        }
        finally
        {
            body?.Dispose();
        }

        var written = body?.Written ?? 0;
        // Cancelling a write can abort the connection too, so the reason is read from what fired, not from the abort.
        var why = body?.Stalled == true ? $"the reader was slower than {limits.MinDataRateBytesPerSecond} B/s"
            : overtime.IsCancellationRequested ? $"the copy took longer than {limits.MaxStreamSeconds} s"
            : http.RequestAborted.IsCancellationRequested ? null
            : "the buyer's side stopped acknowledging it";
        if (why is null)
        {
            logger.LogInformation("Entitlement {EntitlementId}: the buyer's connection closed after {Bytes} bytes of the copy", copy.EntitlementId, written);
        }
        else
        {
            logger.LogInformation("Entitlement {EntitlementId}: the copy was cut off after {Bytes} bytes: {Reason}", copy.EntitlementId, written, why);
            http.Abort();
        }
        return (Settlement.Interrupted, written);
    }

    private void Stamped(StampStatus status, long started)
    {
        if (status == StampStatus.Stamped)
        {
            metrics.Stamped(Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<StampResult> StampInMemoryAsync(MasterFile master, StampRequest request, CancellationToken cancellationToken)
    {
        if (master.Whole is { } whole)
        {
            return stamper.Stamp(whole, request);
        }
        using var buffer = new MemoryStream();
        await master.Content.CopyToAsync(buffer, cancellationToken);
        return stamper.Stamp(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request);
    }
}
