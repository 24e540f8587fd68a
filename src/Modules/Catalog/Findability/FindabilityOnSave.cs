using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Catalog.Search;
using Storefront.Catalog.Services;

namespace Storefront.Catalog.Findability;

/// <summary>
/// Keeps the search index and the old-slug redirects in step with every save of a product or page (admin forms,
/// recipe imports, deletes), so no path that edits the catalogue has to remember them. Redirects are staged in the same
/// save; the index is written right after it, inside the caller's transaction when there is one.
/// </summary>
internal sealed class FindabilityOnSave(MarkdownRenderer markdown, TimeProvider clock) : StagingInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && pending.TryGetValue(context, out var work))
        {
            pending.Remove(context);
            await SearchIndex.WriteAsync(context, work.Removed, work.Documents, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }

    protected override async Task StageAsync(DbContext context, CancellationToken cancellationToken)
    {
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.Entity is Product or ContentPage && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        if (entries.Count == 0)
        {
            return;
        }

        var work = new Pending();
        foreach (var entry in entries)
        {
            var (id, kind, slug) = entry.Entity switch
            {
                Product p => (p.Id, SlugRedirectKinds.Product, p.Slug),
                ContentPage p => (p.Id, SlugRedirectKinds.Page, p.Slug),
                _ => throw new InvalidOperationException("Only products and pages are watched."),
            };
            await RedirectAsync(context, entry, id, kind, slug, cancellationToken);
            if (entry.State == EntityState.Deleted)
            {
                work.Removed.Add(id);
            }
            else
            {
                work.Documents.Add(entry.Entity is Product product ? SearchDocument.Of(product, markdown) : SearchDocument.Of((ContentPage)entry.Entity, markdown));
            }
        }

        pending.AddOrUpdate(context, work);
    }

    private async Task RedirectAsync(DbContext context, EntityEntry entry, Guid id, string kind, string slug, CancellationToken cancellationToken)
    {
        var redirects = context.Set<SlugRedirect>();
        if (entry.State == EntityState.Deleted)
        {
            redirects.RemoveRange(await redirects.Where(r => r.ItemId == id).ToListAsync(cancellationToken));
            return;
        }

        // An item that takes an address answers there itself: a redirect from it would hide it.
        if (await redirects.FindAsync([kind, slug], cancellationToken) is { } taken)
        {
            redirects.Remove(taken);
        }

        var slugProperty = entry.Property(nameof(Product.Slug));
        if (entry.State != EntityState.Modified || slugProperty.OriginalValue is not string old || old == slug)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await redirects.FindAsync([kind, old], cancellationToken) is { } existing)
        {
            (existing.ItemId, existing.CreatedAt) = (id, now);
        }
        else
        {
            redirects.Add(new SlugRedirect { Kind = kind, OldSlug = old, ItemId = id, CreatedAt = now });
        }
    }

    private sealed class Pending
    {
        public List<Guid> Removed { get; } = [];

        public List<SearchDocument> Documents { get; } = [];
    }
}
