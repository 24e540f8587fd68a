using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.External;

/// <summary>Where <c>/go/{slug}</c> leads, the click it records on the way, and the counts the admin shows.</summary>
public sealed partial class ProductClicks(StorefrontDbContext db, ClickThrottle throttle, TimeProvider clock)
{
    public const int ReportDays = 30;

    /// <summary>The stored address of an external product that is on sale, or null: nothing else is ever a target.</summary>
    public async Task<(Guid ProductId, string Url)?> TargetAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            return null;
        }

        var found = await db.Set<Product>().AsNoTracking()
            .Where(p => p.Slug == slug && p.Published && p.ArchivedAt == null && p.ExternalUrl != null)
            .Select(p => new { p.Id, p.ExternalUrl }).FirstOrDefaultAsync(cancellationToken);
        // Checked again on the way out: a value written around the editor and the recipe must not become an open redirect.
        return found is not null && ExternalUrl.TryNormalize(found.ExternalUrl, out var url, out _) && url is not null ? (found.Id, url) : null;
    }

    /// <summary>Records the click unless this client address is already clicking at machine speed.</summary>
    public async Task RecordAsync(Guid productId, HttpContext context, CancellationToken cancellationToken)
    {
        if (!throttle.TryAcquire(context))
        {
            return;
        }

        var userAgent = Cap(context.Request.Headers.UserAgent.ToString(), ProductClick.MaxUserAgentLength);
        db.Add(new ProductClick
        {
            ProductId = productId,
            At = clock.GetUtcNow().UtcDateTime,
            Referrer = Referrer(context.Request.Headers.Referer.ToString()),
            UserAgent = userAgent,
            IsBot = userAgent is null || Bot().IsMatch(userAgent),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<(int Recent, int All)> CountAsync(Guid productId, CancellationToken cancellationToken)
    {
        var since = Since();
        var clicks = db.Set<ProductClick>().Where(c => c.ProductId == productId);
        return (await clicks.CountAsync(c => c.At >= since, cancellationToken), await clicks.CountAsync(cancellationToken));
    }

    /// <summary>Clicks per product per UTC day over the last <see cref="ReportDays"/> days, newest day first.</summary>
    public async Task<List<DailyClicks>> DailyAsync(CancellationToken cancellationToken)
    {
        var since = Since();
        var titles = await db.Set<Product>().AsNoTracking().Where(p => p.ExternalUrl != null || db.Set<ProductClick>().Any(c => c.ProductId == p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Slug, p.Title), cancellationToken);
        // Counted while streaming rather than grouped in SQL: "day of a timestamp" is spelled differently on every provider,
        // and the rows are three small columns read once.
        var counts = new Dictionary<(DateOnly Day, Guid ProductId), (int People, int Bots)>();
        await foreach (var click in db.Set<ProductClick>().AsNoTracking().Where(c => c.At >= since)
            .Select(c => new { c.ProductId, c.At, c.IsBot }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = (DateOnly.FromDateTime(click.At), click.ProductId);
            var (people, bots) = counts.GetValueOrDefault(key);
            counts[key] = click.IsBot ? (people, bots + 1) : (people + 1, bots);
        }

        return counts.Select(c => new DailyClicks(c.Key.Day, c.Key.ProductId, titles.GetValueOrDefault(c.Key.ProductId).Slug ?? "",
                titles.GetValueOrDefault(c.Key.ProductId).Title ?? "(deleted)", c.Value.People, c.Value.Bots))
            .OrderByDescending(d => d.Day).ThenBy(d => d.Title, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    private DateTime Since() => clock.GetUtcNow().UtcDateTime.Date.AddDays(1 - ReportDays);

    private static string? Referrer(string header)
    {
        var trimmed = header.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        return Cap(Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Path) : trimmed,
            ProductClick.MaxReferrerLength);
    }

    private static string? Cap(string text, int length)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed.Length <= length ? trimmed : trimmed[..length];
    }

    [GeneratedRegex(@"bot|crawl|spider|slurp|preview|fetch|facebookexternalhit|headless|curl|wget|python|java/|go-http|okhttp|scrapy", RegexOptions.IgnoreCase)]
    private static partial Regex Bot();
}

public sealed record DailyClicks(DateOnly Day, Guid ProductId, string Slug, string Title, int People, int Bots);
