namespace Storefront.Core.Content;

/// <summary>
/// Whether a product has ever been ordered. The Payments module answers it, so the admin can archive
/// instead of delete a product buyers still download, without reading the orders table itself.
/// </summary>
public interface IProductSales
{
    Task<bool> HasOrdersAsync(Guid productId, CancellationToken cancellationToken);
}
