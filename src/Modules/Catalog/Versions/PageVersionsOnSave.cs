using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Versions;

/// <summary>
/// Keeps a version of every save that changes a page (admin form, recipe import), staged in the same save so the pages
/// row and its history never disagree. A page deleted takes its history with it.
/// </summary>
internal sealed class PageVersionsOnSave(IHttpContextAccessor http, TimeProvider clock) : StagingInterceptor
{
    protected override async Task StageAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        var entries = context.ChangeTracker.Entries<ContentPage>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        foreach (var entry in entries)
        {
            var page = entry.Entity;
            if (entry.State == EntityState.Deleted)
            {
                context.RemoveRange(await context.Set<PageVersion>().Where(v => v.PageId == page.Id).ToListAsync(cancellationToken));
                continue;
            }

            var content = PageContent.Of(page);
            var changes = entry.State == EntityState.Added ? "created" : content.ChangesFrom(PageContent.Of((ContentPage)entry.OriginalValues.ToObject()));
            if (changes.Length == 0)
            {
                continue;
            }

            // A restored backup brings its pages' history with it, rows it must not number twice.
            var stored = await context.Set<PageVersion>().Where(v => v.PageId == page.Id).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;
            if (entry.State == EntityState.Added && stored > 0)
            {
                continue;
            }

            var staged = context.ChangeTracker.Entries<PageVersion>().Where(e => e.State == EntityState.Added && e.Entity.PageId == page.Id)
                .Select(e => e.Entity.Number).DefaultIfEmpty(0).Max();
            context.Add(new PageVersion
            {
                PageId = page.Id, Number = Math.Max(stored, staged) + 1, Content = content.ToJson(), Changes = changes, Author = VersionAuthor.Of(http),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
        }
    }
}
