using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Versions;

/// <summary>
/// Keeps a live version of every save that changes what a product shows or sells (admin form, publishing a draft, recipe
/// import, the schedule), staged in the same save so the products row and its history never disagree, and stamps the row
/// with that version's number so checkout can record which version a buyer bought.
/// </summary>
internal sealed class ProductVersionsOnSave(IHttpContextAccessor http, TimeProvider clock) : StagingInterceptor
{
    protected override async Task StageAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        var entries = context.ChangeTracker.Entries<Product>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        foreach (var entry in entries)
        {
            var product = entry.Entity;
            if (entry.State == EntityState.Deleted)
            {
                // Only a product that was never sold is deleted; its history and schedule go with it.
                context.RemoveRange(await context.Set<ProductVersion>().Where(v => v.ProductId == product.Id).ToListAsync(cancellationToken));
                context.RemoveRange(await context.Set<ProductSchedule>().Where(s => s.ProductId == product.Id).ToListAsync(cancellationToken));
                continue;
            }

            // A row restored from a backup arrives with the version buyers saw; its history is restored beside it.
            if (entry.State == EntityState.Added && product.LiveVersion > 0)
            {
                continue;
            }

            var content = ProductContent.Of(product);
            var changes = entry.State == EntityState.Added ? "created" : content.ChangesFrom(ProductContent.Of((Product)entry.OriginalValues.ToObject()));
            if (changes.Length == 0)
            {
                continue;
            }

            var number = await VersionNumbers.NextAsync(context, product.Id, cancellationToken);
            context.Add(new ProductVersion
            {
                ProductId = product.Id, Number = number, Content = content.ToJson(), Changes = changes, Author = VersionAuthor.Of(http),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            entry.Property(p => p.LiveVersion).CurrentValue = number;
        }
    }
}

internal static class VersionNumbers
{
    /// <summary>The next number of a product's history, counting versions staged in this unit of work but not yet saved.</summary>
    public static async Task<int> NextAsync(DbContext context, Guid productId, CancellationToken cancellationToken)
    {
        var staged = context.ChangeTracker.Entries<ProductVersion>().Where(e => e.State == EntityState.Added && e.Entity.ProductId == productId)
            .Select(e => e.Entity.Number).DefaultIfEmpty(0).Max();
        var stored = await context.Set<ProductVersion>().Where(v => v.ProductId == productId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;
        return Math.Max(staged, stored) + 1;
    }
}

/// <summary>Who a version is credited to: the signed-in editor, or the process that saved it when no person did.</summary>
public static class VersionAuthor
{
    private static readonly AsyncLocal<string?> Process = new();

    /// <summary>Credits saves on this flow to <paramref name="name"/> until disposed (the schedule, a recipe import).</summary>
    public static IDisposable As(string name)
    {
        var before = Process.Value;
        Process.Value = name;
        return new Restore(() => Process.Value = before);
    }

    internal static string Of(IHttpContextAccessor http) =>
        Process.Value ?? (http.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : "system");

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
