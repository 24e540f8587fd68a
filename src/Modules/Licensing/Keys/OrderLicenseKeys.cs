using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Licensing.Data;

namespace Storefront.Licensing.Keys;

/// <summary>An order's keys for the pages, emails and documents other modules show the buyer (<see cref="ILicenseKeys"/>).</summary>
internal sealed class OrderLicenseKeys(StorefrontDbContext db) : ILicenseKeys
{
    public async Task<IReadOnlyList<IssuedLicenseKey>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken) =>
        (await db.Set<LicenseKey>().AsNoTracking().Where(k => k.OrderId == orderId).OrderBy(k => k.IssuedAt).ThenBy(k => k.Id)
            .ToListAsync(cancellationToken))
        .Select(k => new IssuedLicenseKey(k.LineId, k.ProductTitle, k.Key, k.State)).ToList();
}
