using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Services;

/// <summary>Writes a bundle's contents, for the admin form and the recipe alike.</summary>
internal static class BundleContents
{
    /// <summary>Stages <paramref name="items"/> as the bundle's contents in this order; false when they already were.</summary>
    public static async Task<bool> StageAsync(StorefrontDbContext db, Guid bundleId, IReadOnlyList<Guid> items, CancellationToken cancellationToken)
    {
        var current = await db.Set<BundleItem>().Where(b => b.BundleId == bundleId).OrderBy(b => b.Position).ToListAsync(cancellationToken);
        if (current.Select(b => b.ItemId).SequenceEqual(items))
        {
            return false;
        }

        db.RemoveRange(current);
        db.AddRange(items.Select((item, position) => new BundleItem { BundleId = bundleId, ItemId = item, Position = position }));
        return true;
    }
}
