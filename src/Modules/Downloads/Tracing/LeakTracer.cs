using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Core.Audit;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Downloads.Entitlements;

namespace Storefront.Downloads.Tracing;

/// <summary>
/// Names the purchase a leaked PDF was made for, from the marks the copy still carries: the invisible fingerprint
/// (Info, XMP, page content), else the copy's /ID, and the visible licence code read from the page text. A file whose
/// marks name no purchase, or more than one, is reported as untraceable: never a guess. Every trace is audited.
/// </summary>
public sealed class LeakTracer(StorefrontDbContext db, AuditLog audit, IServiceProvider services, IOptionsMonitor<DownloadsOptions> options)
{
    public long MaxBytes => (long)options.CurrentValue.TraceMaxMegabytes << 20;

    /// <param name="via">How the trace was asked for, for the audit entry (the admin's user is recorded by the log itself).</param>
    public async Task<TraceResult> TraceAsync(Stream file, string? fileName, string via, CancellationToken cancellationToken)
    {
        var bytes = await ReadLimitedAsync(file, MaxBytes, cancellationToken);
        var result = bytes is null
            ? Refused(UnreadableReason.TooLarge, null)
            : await Task.Run(() => CopyMarksReader.Read(bytes), cancellationToken) switch
            {
                (var marks, null, _) => await JudgeAsync(marks!, cancellationToken),
                (_, var refusal, var detail) => Refused(refusal.Value, detail),
            };
        var hash = bytes is null ? "" : $" (SHA-256 {Convert.ToHexStringLower(SHA256.HashData(bytes))})";
        var evidence = result.Evidence.Count == 0 ? "" : "; evidence: " + string.Join("; ", result.Evidence.Select(Describe));
        audit.Record(result.Traced ? "leak.traced" : "leak.untraced", result.Copy is { } copy ? $"order {copy.OrderNumber}" : "an untraced file",
            $"{fileName ?? "file"}{hash}, {via}: {result.Message}{evidence}");
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    public static string Describe(TraceEvidence e) =>
        $"{e.Kind} in {e.Where} ({e.Strength.ToString().ToLowerInvariant()}) " + (e.OrderNumber is { } order ? $"names order {order}" : "names no purchase of this shop");

    private async Task<TraceResult> JudgeAsync(CopyMarks marks, CancellationToken cancellationToken)
    {
        var evidence = new List<TraceEvidence>();
        var entitlements = db.Set<Entitlement>().AsNoTracking();
        foreach (var mark in marks.Fingerprints.GroupBy(f => f.Value, StringComparer.Ordinal))
        {
            var found = await entitlements.FirstOrDefaultAsync(e => e.Fingerprint == mark.Key, cancellationToken);
            evidence.Add(new TraceEvidence("fingerprint", Where(mark.Select(m => m.Where).ToList(), marks.Pages), EvidenceStrength.Strong, found?.Id, found?.OrderNumber));
        }
        if (!evidence.Any(e => e.EntitlementId is not null))
        {
            // Recomputing IDs reads every master: only worth it when the fingerprint did not answer.
            var byId = await services.GetRequiredService<CopyIdMatcher>().MatchAsync(marks.DocumentIds, cancellationToken);
            evidence.AddRange(byId.Select(e => new TraceEvidence("document ID", "the trailer /ID", EvidenceStrength.Strong, e.Id, e.OrderNumber)));
        }
        if (marks.LicenceCodes.Count > 0)
        {
            var byCode = await entitlements.Where(e => marks.LicenceCodes.Contains(e.LicenseCode)).ToListAsync(cancellationToken);
            evidence.AddRange(byCode.Select(e => new TraceEvidence($"licence code {e.LicenseCode}", "the page text", EvidenceStrength.Moderate, e.Id, e.OrderNumber)));
        }

        var named = evidence.Where(e => e.EntitlementId is not null).Select(e => e.EntitlementId!.Value).Distinct().ToList();
        if (named.Count > 1)
        {
            var orders = string.Join(", ", evidence.Where(e => e.OrderNumber is not null).Select(e => e.OrderNumber).Distinct().Order());
            return new TraceResult($"This file cannot be traced: its marks disagree, naming {named.Count} different purchases (orders {orders}). No buyer is named.", evidence);
        }
        if (named.Count == 0)
        {
            return new TraceResult(evidence.Count == 0
                ? "This file cannot be traced: it carries no fingerprint, document ID or licence code of a copy from this shop."
                : "This file cannot be traced: the marks it carries name no purchase of this shop.", evidence);
        }

        var entitlement = await entitlements.SingleAsync(e => e.Id == named[0], cancellationToken);
        var copy = new TracedCopy(entitlement.Id, entitlement.OrderNumber, entitlement.ProductTitle, entitlement.BuyerName, entitlement.BuyerEmail,
            entitlement.LicenseCode, await LicenceKeysAsync(entitlement, cancellationToken), await DeliveriesAsync(entitlement.Id, cancellationToken));
        var kinds = string.Join(" and ", evidence.Select(e => e.Kind.StartsWith("licence code", StringComparison.Ordinal) ? "the visible licence code" : "the " + e.Kind).Distinct());
        return new TraceResult($"Traced to order {copy.OrderNumber}: {copy.BuyerName ?? copy.BuyerEmail} <{copy.BuyerEmail}>, from {kinds}.", evidence, copy);
    }

    private async Task<IReadOnlyList<TraceDelivery>> DeliveriesAsync(Guid entitlementId, CancellationToken cancellationToken) =>
        await db.Set<DownloadAttempt>().AsNoTracking()
            // Refused and failed attempts sent no copy.
            .Where(a => a.EntitlementId == entitlementId && a.Outcome != DownloadOutcomes.Busy && a.Outcome != DownloadOutcomes.Unavailable)
            .OrderBy(a => a.At)
            .Select(a => new TraceDelivery(a.At, a.Outcome, a.IpAddress, a.UserAgent, a.BytesSent))
            .ToListAsync(cancellationToken);

    /// <summary>Software licence keys issued with the same product of the order; Licensing answers when it is on.</summary>
    private async Task<IReadOnlyList<string>> LicenceKeysAsync(Entitlement entitlement, CancellationToken cancellationToken) =>
        services.GetService<ILicenseKeys>() is { } keys
            ? [.. (await keys.ForOrderAsync(entitlement.OrderId, cancellationToken)).Where(k => k.ProductTitle == entitlement.ProductTitle).Select(k => k.Key)]
            : [];

    private static string Where(IReadOnlyList<string> places, int pages)
    {
        var pageMarks = places.Count(p => p.StartsWith("page ", StringComparison.Ordinal));
        var other = places.Where(p => !p.StartsWith("page ", StringComparison.Ordinal));
        var pageText = pageMarks == 0 ? [] : new[] { pageMarks == 1 ? places.First(p => p.StartsWith("page ", StringComparison.Ordinal)) : $"the content of {pageMarks} of {pages} pages" };
        return string.Join(", ", other.Concat(pageText));
    }

    private static TraceResult Refused(UnreadableReason reason, string? detail) => new(reason switch
    {
        UnreadableReason.Empty => "The file is empty: there is nothing to trace.",
        UnreadableReason.NotPdf => "This file is not a PDF, so it cannot be traced.",
        UnreadableReason.Encrypted => "This PDF is protected by a password, so its marks cannot be read. Remove the password and trace it again.",
        UnreadableReason.TooLarge => "The file is larger than the trace limit (Downloads__TraceMaxMegabytes), so it was not read.",
        _ => $"This PDF is too damaged to read, so it cannot be traced ({detail}).",
    }, [], null, reason);

    /// <summary>The whole file, or null once it passes <paramref name="limit"/> (nothing past the limit is buffered).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream file, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
