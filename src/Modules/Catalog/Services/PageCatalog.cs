using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Core.Display;

namespace Storefront.Catalog.Services;

/// <summary>Published pages for the public route and the storefront theme's navigation.</summary>
public sealed class PageCatalog(StorefrontDbContext db) : ISiteNavigation
{
    public Task<ContentPage?> FindPublishedAsync(string slug, CancellationToken cancellationToken = default) =>
        db.Set<ContentPage>().AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug && p.Published, cancellationToken);

    public async Task<IReadOnlyList<SiteLink>> GetLinksAsync(CancellationToken cancellationToken) =>
        await db.Set<ContentPage>().AsNoTracking().Where(p => p.Published)
            .OrderBy(p => p.NavigationOrder).ThenBy(p => p.Title)
            .Select(p => new SiteLink(p.Title, "/pages/" + p.Slug, p.NavigationOrder))
            .ToListAsync(cancellationToken);
}
