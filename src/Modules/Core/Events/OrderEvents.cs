namespace Storefront.Core.Events;

/// <summary>One product an order bought, as the modules that grant things for it see it (a bundle is one line).</summary>
public sealed record PaidLine(Guid LineId, Guid ProductId, string ProductTitle);

/// <summary>An order was paid: whatever its lines grant is granted in the same transaction as the payment is recorded.</summary>
public sealed record OrderPaid(Guid OrderId, long OrderNumber, IReadOnlyList<PaidLine> Lines, string BuyerEmail, string? BuyerName);

/// <summary>The money went back to the buyer: what the order granted stops working.</summary>
public sealed record OrderRefunded(Guid OrderId, long OrderNumber);

/// <summary>
/// A partial refund named some of the order's lines: what those lines granted stops working (for a bundle line, what each
/// product inside it granted); the other lines keep theirs.
/// </summary>
public sealed record OrderLinesRefunded(Guid OrderId, long OrderNumber, IReadOnlyList<PaidLine> Lines);

/// <summary>
/// The buyer's bank disputes the charge: what the order granted is suspended while it is argued, keeping its uses and
/// expiry so that a won dispute can give it back exactly as it was.
/// </summary>
public sealed record OrderDisputeOpened(Guid OrderId, long OrderNumber);

/// <summary>
/// The order's last open dispute was decided: won gives back what was suspended, unchanged; lost withdraws it for good.
/// </summary>
public sealed record OrderDisputeClosed(Guid OrderId, long OrderNumber, bool Won);
