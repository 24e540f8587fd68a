using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Downloads.Entitlements;
using Storefront.Downloads.Stamping;
using Storefront.Media.Storage;

namespace Storefront.Downloads.Gate;

public sealed record GateDecision(IActionResult? File, Denial? Denial, string? LicenseCode);

/// <summary>
/// Verify the token → consume one use atomically → read the master from private storage → stamp a
/// copy in memory → hand it out. Every attempt is logged with its outcome, IP and user agent.
/// </summary>
public sealed class DownloadGate(
    DownloadTokens tokens, EntitlementService entitlements, StorefrontDbContext db, IBlobStore blobs, IPdfStamper stamper,
    ILogger<DownloadGate> logger)
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
        var file = await StampAsync(entitlement, cancellationToken);
        if (file is null)
        {
            await entitlements.RestoreAsync(id, CancellationToken.None);
            await RecordAsync(id, nameof(Denial.Unavailable), http);
            return new GateDecision(null, Denial.Unavailable, entitlement.LicenseCode);
        }

        await RecordAsync(id, "Delivered", http);
        return new GateDecision(file, null, entitlement.LicenseCode);
    }

    private async Task<IActionResult?> StampAsync(Entitlement entitlement, CancellationToken cancellationToken)
    {
        var product = await db.Set<Product>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == entitlement.ProductId, cancellationToken);
        if (product?.MasterKey is null || !BlobKey.TryCreate(product.MasterKey, out var key, out _))
        {
            logger.LogError("Entitlement {EntitlementId}: product {ProductId} has no master file", entitlement.Id, entitlement.ProductId);
            return null;
        }

        byte[] master;
        await using (var stream = await blobs.OpenReadAsync(BlobArea.Private, key, cancellationToken))
        {
            if (stream is null)
            {
                logger.LogError("Entitlement {EntitlementId}: master {MasterKey} is missing from storage", entitlement.Id, product.MasterKey);
                return null;
            }

            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            master = buffer.ToArray();
        }

        var request = new StampRequest(entitlement.BuyerName ?? entitlement.BuyerEmail, entitlement.BuyerEmail,
            entitlement.OrderNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), entitlement.Fingerprint);
        var result = stamper.Stamp(master, request);
        if (result.Status == StampStatus.Rejected)
        {
            logger.LogError("Entitlement {EntitlementId}: master {MasterKey} cannot be stamped: {Reason}", entitlement.Id, product.MasterKey, result.Message);
            return null;
        }

        var fileName = product.MasterFileName ?? (result.Status == StampStatus.Stamped ? product.Slug + ".pdf" : product.Slug);
        var contentType = result.Status == StampStatus.Stamped ? "application/pdf" : "application/octet-stream";
        return new DeliveredFile(result.Output, contentType, fileName);
    }

    private async Task RecordAsync(Guid? entitlementId, string outcome, HttpContext http)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        db.Add(new DownloadAttempt
        {
            EntitlementId = entitlementId,
            Outcome = outcome,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = agent.Length > 400 ? agent[..400] : agent,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Download attempt for entitlement {EntitlementId}: {Outcome}", entitlementId, outcome);
    }
}
