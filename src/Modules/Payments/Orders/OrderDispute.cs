namespace Storefront.Payments.Orders;

/// <summary>How a dispute ended, in Stripe's words for the statuses that decide it.</summary>
public static class DisputeOutcomes
{
    public const string Won = "won";

    public const string Lost = "lost";

    /// <summary>An inquiry the bank dropped without a chargeback: no money moved, so it counts as won.</summary>
    public const string WarningClosed = "warning_closed";
}

/// <summary>One Stripe dispute of an order, from the moment it opened to the bank's decision: the order's timeline.</summary>
public sealed class OrderDispute
{
    /// <summary>Stripe's dispute id (<c>dp_…</c>): recorded once, so replays of its events find it and change nothing.</summary>
    public required string Id { get; set; }

    public Guid OrderId { get; set; }

    public string? Reason { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    public required DateTime OpenedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Stripe's final status (<see cref="DisputeOutcomes"/>); null while the dispute is open.</summary>
    public string? Outcome { get; set; }

    public bool Won => Outcome is DisputeOutcomes.Won or DisputeOutcomes.WarningClosed;
}
