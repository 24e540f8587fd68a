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
/// for long. A byte range (<see cref="RequestedRange"/>) is cut from the copy stamped again: from the bytes in memory,
/// or by skipping what qpdf writes outside it; the copy's bytes are never stored.
/// </summary>
public sealed class CopySender(
    IPdfStamper stamper, DownloadMetrics metrics, IOptionsMonitor<DownloadsOptions> options, IOptionsMonitor<StampingOptions> stamping,
    RequestedRange requested, CopyLengths lengths, ILogger<CopySender> logger)
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
        using var confirmation = DeliveryConfirmation.Watch(http);

        var sliceLimit = Grace + TimeSpan.FromSeconds((double)StreamedCopy.SliceLength / limits.MinDataRateBytesPerSecond);
        var request = RequestFor(copy, master);
        var tag = requested.EntityTag ?? EntityTag(master, request);
        var range = requested.Range;
        StreamedCopy? body = null;
        try
        {
            StampOutcome outcome;
            var mark = Stopwatch.GetTimestamp();
            if (master.Length is { } small && small <= StampJob.StreamingThreshold)
            {
                // A range's copy was stamped already, to learn its length.
                var result = requested.Stamped is { } stamped ? new StampResult(StampStatus.Stamped, stamped, null, "", 0)
                    : await StampInMemoryAsync(stamper, master, request, deadline.Token);
                Stamped(result.Status, mark);
                mark = metrics.Phase("stamp", mark);
                outcome = new StampOutcome(result.Status, result.Rejection, result.Message, result.PageCount, result.Output.Length);
                if (result.Status != StampStatus.Rejected)
                {
                    lengths.Keep(tag, result.Output.Length);
                    var part = range is { } r ? result.Output.Slice((int)r.From, (int)r.Count) : result.Output;
                    body = new StreamedCopy(http.Response, master.ContentType, master.FileName, part.Length, sliceLimit, tag, range);
                    await body.WriteAsync(part, deadline.Token);
                }
            }
            else
            {
                // A large copy is stamped while it streams: its stamping time includes writing it out.
                var length = range?.Count ?? (master.IsPdf ? lengths.Find(tag) : master.Length);
                body = new StreamedCopy(http.Response, master.ContentType, master.FileName, length, sliceLimit, tag, range);
                outcome = await stamper.StampAsync(master.Content, range is { } r ? new RangeWindow(body, r) : body, request, deadline.Token);
                if (outcome.Status == StampStatus.Stamped)
                {
                    lengths.Keep(tag, outcome.BytesWritten);
                }
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
            var acknowledged = await confirmation.AcknowledgedAsync(http, body?.Written ?? 0, Grace, overtime.Token);
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

    /// <summary>
    /// What is stamped on a purchase's copies; the entity tag and the stamp must read the same request.
    /// The wording is chosen here, once, from the settings in force (an administrator may change the shop's privacy
    /// option at any time), so the tag and the stamp never read two different lines.
    /// </summary>
    internal StampRequest RequestFor(ReservedCopy copy, MasterFile master) =>
        new(copy.BuyerName ?? copy.BuyerEmail, copy.BuyerEmail, copy.OrderNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), copy.Fingerprint)
        {
            Privacy = master.StampPrivacy,
            Template = StampWording.ForCopy(stamping.CurrentValue, master.StampPrivacy, copy.BuyerEmail),
        };

    /// <summary>The copy's strong entity tag, known without stamping it.</summary>
    internal string EntityTag(MasterFile master, StampRequest request) => CopyIdentity.ETagFor(master.Key, request, stamping.CurrentValue);

    internal static async Task<StampResult> StampInMemoryAsync(IPdfStamper stamper, MasterFile master, StampRequest request, CancellationToken cancellationToken)
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
