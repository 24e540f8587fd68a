namespace Storefront.Core.Content;

/// <summary>
/// Limited editions, as checkout sees them (answered by Catalog, which owns the stock count). A unit is held for an order
/// while its Checkout Session is open, given back when the session expires or is cancelled, and sold when it is paid.
/// Every call is idempotent per order and product, and race-free across instances: the database decides.
/// </summary>
public interface IProductStock
{
    /// <summary>Holds one unit of the product for the order; false when none is left. A product without a stock limit always succeeds.</summary>
    Task<bool> ReserveAsync(Guid productId, Guid orderId, CancellationToken cancellationToken);

    /// <summary>Gives back every unit the order holds and has not bought (an expired, cancelled or failed checkout).</summary>
    Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>Turns the order's held units into sold ones (the order was paid).</summary>
    Task ConfirmAsync(Guid orderId, CancellationToken cancellationToken);
}
