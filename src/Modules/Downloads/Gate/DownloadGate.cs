using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Stamping;
using Storefront.Media.Storage;

namespace Storefront.Downloads.Gate;

public sealed record GateDecision(IActionResult? File, Denial? Denial, string? LicenseCode);

/// <summary>
/// Verify the token → consume one use atomically → read the master from private storage → stamp a
/// copy (in memory, or streamed out as it is written for a large master) → hand it out. Every attempt is logged with its outcome, IP and user agent.
/// </summary>
public sealed class DownloadGate(
    DownloadTokens tokens, EntitlementService entitlements, StorefrontDbContext db, ICatalogProducts products, IBlobStore blobs,
    IPdfStamper stamper, TimeProvider clock, ILogger<DownloadGate> logger)
{
    public async Task<GateDecision> OpenAsync(string token, HttpContext http, CancellationToken cancellationToken)
    {
        var check = tokens.Check(token, out var id);
        if (check != TokenCheck.Valid)
        {
            var denial = check == TokenCheck.Expired ? Denial.Expired : Denial.Invalid;
            await RecordAsync(check == TokenCheck.Expired ? id : null, denial.ToString(), http);
            return new GateDecision(null, denial, null);
        }

        var consumed = await entitlements.TryConsumeAsync(id, cancellationToken);
        if (consumed != ConsumeResult.Allowed)
        {
            var denial = consumed switch
            {
                ConsumeResult.Expired => Denial.Expired,
                ConsumeResult.UsedUp => Denial.UsedUp,
                ConsumeResult.Revoked => Denial.Revoked,
                _ => Denial.Invalid,
            };
            await RecordAsync(consumed == ConsumeResult.NotFound ? null : id, denial.ToString(), http);
            return new GateDecision(null, denial, null);
        }

        var entitlement = await db.Set<Entitlement>().AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
        var (file, cutShort) = await StampAsync(entitlement, http, cancellationToken);
        if (file is null || cutShort)
        {
            // Nothing, or only part of a copy, reached the buyer: the use is theirs again.
            await entitlements.RestoreAsync(id, CancellationToken.None);
            await RecordAsync(id, cutShort ? "Interrupted" : nameof(Denial.Unavailable), http);
            return new GateDecision(file, file is null ? Denial.Unavailable : null, entitlement.LicenseCode);
        }

        await RecordAsync(id, "Delivered", http);
        return new GateDecision(file, null, entitlement.LicenseCode);
    }

    private async Task<(IActionResult? File, bool CutShort)> StampAsync(Entitlement entitlement, HttpContext http, CancellationToken cancellationToken)
    {
        var product = await products.FindAsync(entitlement.ProductId, cancellationToken);
        if (product?.MasterKey is null || !BlobKey.TryCreate(product.MasterKey, out var key, out _))
        {
            logger.LogError("Entitlement {EntitlementId}: product {ProductId} has no master file", entitlement.Id, entitlement.ProductId);
            return (null, false);
        }

        var request = new StampRequest(entitlement.BuyerName ?? entitlement.BuyerEmail, entitlement.BuyerEmail,
            entitlement.OrderNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), entitlement.Fingerprint);
        await using var stream = await blobs.OpenReadAsync(BlobArea.Private, key, cancellationToken);
        if (stream is null)
        {
            logger.LogError("Entitlement {EntitlementId}: master {MasterKey} is missing from storage", entitlement.Id, product.MasterKey);
            return (null, false);
        }

        var length = stream.CanSeek ? stream.Length : (await blobs.GetInfoAsync(BlobArea.Private, key, cancellationToken))?.Length;
        return length > StampJob.StreamingThreshold
            ? await StreamAsync(entitlement, product, stream, length.Value, request, http, cancellationToken)
            : (await StampInMemoryAsync(entitlement, product, stream, request, cancellationToken), false);
    }

    /// <summary>A master up to the engine's streaming threshold: stamped whole in memory, sent with its length.</summary>
    private async Task<IActionResult?> StampInMemoryAsync(Entitlement entitlement, ProductSnapshot product, Stream stream, StampRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        var result = stamper.Stamp(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), request);
        if (result.Status == StampStatus.Rejected)
        {
            logger.LogError("Entitlement {EntitlementId}: master {MasterKey} cannot be stamped: {Reason}", entitlement.Id, product.MasterKey, result.Message);
            return null;
        }

        var fileName = product.MasterFileName ?? (result.Status == StampStatus.Stamped ? product.Slug + ".pdf" : product.Slug);
        var contentType = result.Status == StampStatus.Stamped ? "application/pdf" : "application/octet-stream";
        return new DeliveredFile(result.Output, contentType, fileName);
    }

    /// <summary>
    /// A larger master: the copy goes to the buyer while the engine writes it, so a 500 MB master never
    /// exists twice in memory. Its length is unknown until written (a PDF) or the master's own (anything
    /// else, sent unchanged). A copy the engine gives up on part-way is cut off, never left looking complete.
    /// </summary>
    private async Task<(IActionResult? File, bool CutShort)> StreamAsync(
        Entitlement entitlement, ProductSnapshot product, Stream stream, long length, StampRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        var fileName = product.MasterFileName ?? product.Slug + ".pdf";
        var isPdf = fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);
        var body = new StreamedCopy(http.Response, isPdf ? "application/pdf" : "application/octet-stream", fileName, isPdf ? null : length);
        StampOutcome outcome;
        try
        {
            outcome = await stamper.StampAsync(stream, body, request, cancellationToken);
        }
        catch (Exception e) when (http.RequestAborted.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The buyer's connection went away part-way: no complete copy reached them, so the use is theirs again.
            logger.LogInformation("Entitlement {EntitlementId}: the buyer's connection closed after {Bytes} bytes of the copy", entitlement.Id, body.Written);
            return (new EmptyResult(), true);
        }
        if (outcome.Status != StampStatus.Rejected)
        {
            return (new EmptyResult(), false);
        }

        logger.LogError("Entitlement {EntitlementId}: master {MasterKey} cannot be stamped: {Reason}", entitlement.Id, product.MasterKey, outcome.Message);
        if (!body.Started)
        {
            return (null, false);
        }
        http.Abort();
        return (new EmptyResult(), true);
    }

    private async Task RecordAsync(Guid? entitlementId, string outcome, HttpContext http)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        db.Add(new DownloadAttempt
        {
            EntitlementId = entitlementId,
            At = clock.GetUtcNow().UtcDateTime,
            Outcome = outcome,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = agent.Length > 400 ? agent[..400] : agent,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Download attempt for entitlement {EntitlementId}: {Outcome}", entitlementId, outcome);
    }
}
