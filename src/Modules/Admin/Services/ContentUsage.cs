using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Admin.Services;

/// <summary>Where a public media key is used, so the library can refuse to delete an image a page still shows.</summary>
public sealed class ContentUsage(StorefrontDbContext db)
{
    public async Task<List<string>> UsesOfAsync(string key, CancellationToken cancellationToken)
    {
        var url = "/media/" + key;
        var covers = await db.Set<Product>().AsNoTracking().Where(p => p.CoverKey == key)
            .Select(p => "the cover of the product “" + p.Title + "”").ToListAsync(cancellationToken);
        var pages = await db.Set<ContentPage>().AsNoTracking().Where(p => p.Body.Contains(url))
            .Select(p => "the page “" + p.Title + "”").ToListAsync(cancellationToken);
        var descriptions = await db.Set<Product>().AsNoTracking().Where(p => p.Description.Contains(url))
            .Select(p => "the description of “" + p.Title + "”").ToListAsync(cancellationToken);
        return [.. covers, .. pages, .. descriptions];
    }

    /// <summary>Points covers and Markdown at a replaced image's new key, so replacing never breaks a page.</summary>
    public async Task RepointAsync(string oldKey, string newKey, CancellationToken cancellationToken)
    {
        foreach (var product in await db.Set<Product>().Where(p => p.CoverKey == oldKey || p.Description.Contains("/media/" + oldKey)).ToListAsync(cancellationToken))
        {
            product.CoverKey = product.CoverKey == oldKey ? newKey : product.CoverKey;
            product.Description = product.Description.Replace("/media/" + oldKey, "/media/" + newKey, StringComparison.Ordinal);
        }

        foreach (var page in await db.Set<ContentPage>().Where(p => p.Body.Contains("/media/" + oldKey)).ToListAsync(cancellationToken))
        {
            page.Body = page.Body.Replace("/media/" + oldKey, "/media/" + newKey, StringComparison.Ordinal);
        }
    }
}
