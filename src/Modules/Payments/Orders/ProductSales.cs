using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;

namespace Storefront.Payments.Orders;

/// <summary>Any order at all counts, pending ones included: its buyer may still pay and download.</summary>
internal sealed class ProductSales(StorefrontDbContext db) : IProductSales
{
    public Task<bool> HasOrdersAsync(Guid productId, CancellationToken cancellationToken) =>
        db.Set<Order>().AnyAsync(o => o.ProductId == productId, cancellationToken);
}
