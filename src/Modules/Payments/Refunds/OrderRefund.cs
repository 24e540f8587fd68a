namespace Storefront.Payments.Refunds;

/// <summary>Stripe's refund statuses, and which of them count against what is left to refund.</summary>
public static class RefundStatuses
{
    public const string Pending = "pending";

    public const string Succeeded = "succeeded";

    public const string Failed = "failed";

    public const string Canceled = "canceled";

    public const string RequiresAction = "requires_action";

    /// <summary>Stripe holds back what a pending refund will return, so it counts until it fails or is canceled.</summary>
    public static bool Counts(string? status) => status is not (Failed or Canceled);

    /// <summary>A refund that failed or was canceled stays so; one that succeeded may still fail, never become pending again.</summary>
    public static bool MayBecome(string current, string next) =>
        current != next && current is not (Failed or Canceled) && !(current == Succeeded && next is Pending or RequiresAction);
}

/// <summary>
/// One Stripe refund of an order, whichever way it reached us (the admin's call or a webhook of a refund made in Stripe's
/// dashboard). Keyed by Stripe's refund id, so every path and every replay finds the one record.
/// </summary>
public sealed class OrderRefund
{
    /// <summary>Stripe's refund id, <c>re_…</c>.</summary>
    public required string Id { get; set; }

    public Guid OrderId { get; set; }

    public long AmountMinor { get; set; }

    public required string Currency { get; set; }

    /// <summary>Stripe's status (<see cref="RefundStatuses"/>); failed and canceled refunds are shown but do not count.</summary>
    public required string Status { get; set; }

    /// <summary>Stripe's reason: duplicate, fraudulent or requested_by_customer, or none.</summary>
    public string? Reason { get; set; }

    /// <summary>The administrator's note; kept by the shop only, never sent to Stripe.</summary>
    public string? Note { get; set; }

    /// <summary>The admin user who refunded, or <see cref="OrderRefunds.StripeDashboard"/>.</summary>
    public required string RefundedBy { get; set; }

    public required DateTime CreatedAt { get; set; }

    public bool Counts => RefundStatuses.Counts(Status);
}
