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

    /// <summary>Stripe's <c>evidence_details.due_by</c>: after it the bank decides on whatever it has.</summary>
    public DateTime? EvidenceDueBy { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Stripe's final status (<see cref="DisputeOutcomes"/>); null while the dispute is open.</summary>
    public string? Outcome { get; set; }

    /// <summary>When Stripe took the disputed amount (and its fee) from the balance; recorded once.</summary>
    public DateTime? FundsWithdrawnAt { get; set; }

    public long? FundsWithdrawnMinor { get; set; }

    public long? FundsWithdrawnFeeMinor { get; set; }

    /// <summary>When a won dispute's amount came back to the balance; recorded once.</summary>
    public DateTime? FundsReinstatedAt { get; set; }

    public long? FundsReinstatedMinor { get; set; }

    /// <summary>The balance's currency, which may differ from the order's when Stripe converts.</summary>
    public string? FundsCurrency { get; set; }

    /// <summary>The last time evidence was staged with Stripe without submitting it.</summary>
    public DateTime? EvidenceStagedAt { get; set; }

    /// <summary>When the evidence went to the bank: after that Stripe accepts no changes.</summary>
    public DateTime? EvidenceSubmittedAt { get; set; }

    public bool Won => Outcome is DisputeOutcomes.Won or DisputeOutcomes.WarningClosed;
}
