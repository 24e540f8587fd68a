using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Catalog.Services;

/// <summary>Products' covers and descriptions and pages' bodies, as the media library asks about them.</summary>
internal sealed class CatalogMediaUsage(StorefrontDbContext db) : IMediaUsageProvider
{
    public async Task<IReadOnlyList<string>> UsesOfAsync(string key, CancellationToken cancellationToken)
    {
        var (escaped, raw) = MediaUrl.Spellings(key);
        var covers = await db.Set<Product>().AsNoTracking().Where(p => p.CoverKey == key)
            .Select(p => "the cover of the product “" + p.Title + "”").ToListAsync(cancellationToken);
        var pages = await db.Set<ContentPage>().AsNoTracking().Where(p => p.Body.Contains(escaped) || p.Body.Contains(raw))
            .Select(p => "the page “" + p.Title + "”").ToListAsync(cancellationToken);
        var descriptions = await db.Set<Product>().AsNoTracking().Where(p => p.Description.Contains(escaped) || p.Description.Contains(raw))
            .Select(p => "the description of “" + p.Title + "”").ToListAsync(cancellationToken);
        return [.. covers, .. pages, .. descriptions];
    }

    public async Task RepointAsync(string oldKey, string newKey, CancellationToken cancellationToken)
    {
        var (escaped, raw) = MediaUrl.Spellings(oldKey);
        foreach (var product in await db.Set<Product>()
            .Where(p => p.CoverKey == oldKey || p.Description.Contains(escaped) || p.Description.Contains(raw)).ToListAsync(cancellationToken))
        {
            product.CoverKey = product.CoverKey == oldKey ? newKey : product.CoverKey;
            product.Description = MediaUrl.Repoint(product.Description, oldKey, newKey);
        }

        foreach (var page in await db.Set<ContentPage>().Where(p => p.Body.Contains(escaped) || p.Body.Contains(raw)).ToListAsync(cancellationToken))
        {
            page.Body = MediaUrl.Repoint(page.Body, oldKey, newKey);
        }
    }

    public async Task<IReadOnlyCollection<string>> KeysExportedWithContentAsync(CancellationToken cancellationToken) =>
        await db.Set<Product>().AsNoTracking().Where(p => p.CoverKey != null).Select(p => p.CoverKey!).Distinct().ToListAsync(cancellationToken);
}
