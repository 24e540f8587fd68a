using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Admin.Services;

/// <summary>Where a public media key is used, so the library can refuse to delete an image a page still shows.</summary>
public sealed class ContentUsage(StorefrontDbContext db)
{
    public async Task<List<string>> UsesOfAsync(string key, CancellationToken cancellationToken)
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

    /// <summary>Points covers and Markdown at a replaced image's new key, so replacing never breaks a page.</summary>
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
}
