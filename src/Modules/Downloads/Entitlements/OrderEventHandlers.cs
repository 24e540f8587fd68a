using Storefront.Core.Content;
using Storefront.Core.Events;

namespace Storefront.Downloads.Entitlements;

/// <summary>
/// Grants and withdraws download rights as Payments reports what happened to an order. Runs inside the
/// publisher's transaction, so a paid order and its rights are committed together or not at all.
/// </summary>
internal sealed class OrderEventHandlers(EntitlementService entitlements, ICatalogProducts products)
    : IDomainEventHandler<OrderPaid>, IDomainEventHandler<OrderRefunded>, IDomainEventHandler<OrderLinesRefunded>,
    IDomainEventHandler<OrderDisputeOpened>, IDomainEventHandler<OrderDisputeClosed>
{
    public async Task HandleAsync(OrderPaid paid, CancellationToken cancellationToken)
    {
        // One right per product and order (the table's unique key): a product bought alone and inside a bundle is granted once.
        var granted = new HashSet<Guid>();
        foreach (var line in paid.Lines)
        {
            foreach (var product in await GrantsOfAsync(line.ProductId, paid.OrderNumber, cancellationToken))
            {
                if (granted.Add(product.Id))
                {
                    await entitlements.StageGrantAsync(
                        new GrantRequest(paid.OrderId, paid.OrderNumber, product, paid.BuyerEmail, paid.BuyerName) { ViaProductId = line.ProductId },
                        cancellationToken);
                }
            }
        }
    }

    public Task HandleAsync(OrderRefunded refunded, CancellationToken cancellationToken) =>
        entitlements.RevokeOrderAsync(refunded.OrderId, "refunded", cancellationToken);

    public Task HandleAsync(OrderLinesRefunded refunded, CancellationToken cancellationToken) =>
        entitlements.RevokeGrantedByAsync(refunded.OrderId, [.. refunded.Lines.Select(l => l.ProductId)], "refunded", cancellationToken);

    public Task HandleAsync(OrderDisputeOpened disputed, CancellationToken cancellationToken) =>
        entitlements.SuspendOrderAsync(disputed.OrderId, cancellationToken);

    public Task HandleAsync(OrderDisputeClosed closed, CancellationToken cancellationToken) => closed.Won
        ? entitlements.ReinstateOrderAsync(closed.OrderId, cancellationToken)
        : entitlements.RevokeOrderAsync(closed.OrderId, "dispute lost", cancellationToken);

    /// <summary>
    /// What buying one product grants: the product itself, or for a bundle each product inside it (bundles inside
    /// bundles unfolded) plus the bundle when it has a file of its own. Catalog refuses cycles; the visited set keeps a
    /// damaged database from looping all the same.
    /// </summary>
    private async Task<List<ProductSnapshot>> GrantsOfAsync(Guid productId, long orderNumber, CancellationToken cancellationToken)
    {
        var grants = new List<ProductSnapshot>();
        var visited = new HashSet<Guid>();
        var pending = new Stack<Guid>([productId]);
        while (pending.TryPop(out var id))
        {
            if (!visited.Add(id))
            {
                continue;
            }

            // Archived and unpublished products are still found: the buyer paid for it before it left the shop.
            var product = await products.FindAsync(id, cancellationToken)
                ?? throw new InvalidOperationException($"Order {orderNumber} was paid for product {id}, which does not exist.");
            if (!product.IsBundle || product.MasterKey is not null)
            {
                grants.Add(product);
            }

            foreach (var item in product.BundleItems.Reverse())
            {
                pending.Push(item);
            }
        }

        return grants;
    }
}
