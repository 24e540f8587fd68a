namespace Storefront.Core.Events;

/// <summary>An order was paid: whatever it grants is granted in the same transaction as the payment is recorded.</summary>
public sealed record OrderPaid(Guid OrderId, long OrderNumber, Guid ProductId, string BuyerEmail, string? BuyerName);

/// <summary>The money went back to the buyer: what the order granted stops working.</summary>
public sealed record OrderRefunded(Guid OrderId, long OrderNumber);

/// <summary>The buyer's bank disputes the charge: what the order granted stops working while it is argued.</summary>
public sealed record OrderDisputeOpened(Guid OrderId, long OrderNumber);
