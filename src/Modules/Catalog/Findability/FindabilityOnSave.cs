using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Catalog.Fields;
using Storefront.Catalog.Models;
using Storefront.Core.Data;
using Storefront.Catalog.Search;
using Storefront.Catalog.Services;
using Storefront.Catalog.Taxonomies;

namespace Storefront.Catalog.Findability;

/// <summary>
/// Keeps the search index and the old-slug redirects in step with every save of a product, page, category or tag (admin forms,
/// recipe imports, backup restores, deletes, field values and field definitions), so no path that edits the catalogue has to
/// remember them. Redirects are staged in the same save; the index is written right after it, from the rows as saved,
/// inside the caller's transaction when there is one.
/// </summary>
internal sealed class FindabilityOnSave(MarkdownRenderer markdown, TimeProvider clock) : StagingInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && pending.TryGetValue(context, out var work))
        {
            pending.Remove(context);
            work.Changed.ExceptWith(work.Removed);
            var (documents, missing) = await SearchDocuments.LoadAsync(context, markdown, work.Changed, cancellationToken);
            await SearchIndex.WriteAsync(context, [.. work.Removed, .. missing], documents, cancellationToken);
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
        var changed = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in changed.Where(e => e.Entity is TaxonomyTerm))
        {
            var term = (TaxonomyTerm)entry.Entity;
            await RedirectAsync(context, entry, term.Id, term.Kind, term.Slug, cancellationToken);
        }

        var entries = changed.Where(e => e.Entity is Product or ContentPage).ToList();
        var work = new Pending();
        await StageFieldsAsync(context, changed, work, cancellationToken);
        if (entries.Count == 0 && work.Changed.Count == 0)
        {
            return;
        }

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
                work.Changed.Add(id);
            }
        }

        pending.AddOrUpdate(context, work);
    }

    /// <summary>
    /// Items whose searchable words change with a field value saved on its own, or with a field removed, restored or
    /// deleted: every item that holds a value of that field.
    /// </summary>
    private static async Task StageFieldsAsync(DbContext context, List<EntityEntry> changed, Pending work, CancellationToken cancellationToken)
    {
        foreach (var entry in changed)
        {
            if (entry.Entity is ContentFieldValue value)
            {
                work.Changed.Add(value.ItemId);
            }
            else if (entry.Entity is ContentField field
                && (entry.State != EntityState.Modified || entry.Property(nameof(ContentField.RemovedAt)).IsModified))
            {
                var key = entry.State == EntityState.Added ? field.Key : (string)entry.Property(nameof(ContentField.Key)).OriginalValue!;
                work.Changed.UnionWith(await context.Set<ContentFieldValue>().AsNoTracking().Where(v => v.FieldKey == key)
                    .Select(v => v.ItemId).ToListAsync(cancellationToken));
            }
        }
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
        public HashSet<Guid> Removed { get; } = [];

        /// <summary>Items whose document is read back from the store once the save is done.</summary>
        public HashSet<Guid> Changed { get; } = [];
    }
}
