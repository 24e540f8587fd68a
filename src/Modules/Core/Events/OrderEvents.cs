namespace Storefront.Core.Events;

/// <summary>An order was paid: whatever it grants is granted in the same transaction as the payment is recorded.</summary>
public sealed record OrderPaid(Guid OrderId, long OrderNumber, Guid ProductId, string BuyerEmail, string? BuyerName);

/// <summary>The money went back to the buyer: what the order granted stops working.</summary>
public sealed record OrderRefunded(Guid OrderId, long OrderNumber);

/// <summary>
/// The buyer's bank disputes the charge: what the order granted is suspended while it is argued, keeping its uses and
/// expiry so that a won dispute can give it back exactly as it was.
/// </summary>
public sealed record OrderDisputeOpened(Guid OrderId, long OrderNumber);

/// <summary>
/// The order's last open dispute was decided: won gives back what was suspended, unchanged; lost withdraws it for good.
/// </summary>
public sealed record OrderDisputeClosed(Guid OrderId, long OrderNumber, bool Won);
