using Storefront.Core.Content;
using Storefront.Core.Events;

namespace Storefront.Downloads.Entitlements;

/// <summary>
/// Grants and withdraws download rights as Payments reports what happened to an order. Runs inside the
/// publisher's transaction, so a paid order and its rights are committed together or not at all.
/// </summary>
internal sealed class OrderEventHandlers(EntitlementService entitlements, ICatalogProducts products)
    : IDomainEventHandler<OrderPaid>, IDomainEventHandler<OrderRefunded>, IDomainEventHandler<OrderDisputeOpened>,
    IDomainEventHandler<OrderDisputeClosed>
{
    public async Task HandleAsync(OrderPaid paid, CancellationToken cancellationToken)
    {
        foreach (var line in paid.Lines)
        {
            // Archived and unpublished products are still found: the buyer paid for it before it left the shop.
            var product = await products.FindAsync(line.ProductId, cancellationToken)
                ?? throw new InvalidOperationException($"Order {paid.OrderNumber} was paid for product {line.ProductId}, which does not exist.");
            await entitlements.StageGrantAsync(new GrantRequest(paid.OrderId, paid.OrderNumber, product, paid.BuyerEmail, paid.BuyerName), cancellationToken);
        }
    }

    public Task HandleAsync(OrderRefunded refunded, CancellationToken cancellationToken) =>
        entitlements.RevokeOrderAsync(refunded.OrderId, "refunded", cancellationToken);

    public Task HandleAsync(OrderDisputeOpened disputed, CancellationToken cancellationToken) =>
        entitlements.SuspendOrderAsync(disputed.OrderId, cancellationToken);

    public Task HandleAsync(OrderDisputeClosed closed, CancellationToken cancellationToken) => closed.Won
        ? entitlements.ReinstateOrderAsync(closed.OrderId, cancellationToken)
        : entitlements.RevokeOrderAsync(closed.OrderId, "dispute lost", cancellationToken);
}
