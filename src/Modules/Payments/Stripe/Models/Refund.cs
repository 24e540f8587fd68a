namespace Storefront.Payments.Stripe.Models;

/// <summary>A Stripe <c>refund</c>.</summary>
public sealed record Refund
{
    public string Id { get; init; } = "";

    public string Object { get; init; } = "";

    public long Amount { get; init; }

    public string? Charge { get; init; }

    public string? Currency { get; init; }

    public string? PaymentIntent { get; init; }

    /// <summary><c>pending</c>, <c>succeeded</c>, <c>failed</c>, <c>requires_action</c> or <c>canceled</c>.</summary>
    public string? Status { get; init; }

    public string? Reason { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public long Created { get; init; }
}

/// <summary>The part of a <c>charge</c> (from <c>charge.refunded</c>) that revocation needs.</summary>
public sealed record StripeCharge
{
    public string Id { get; init; } = "";

    public string? PaymentIntent { get; init; }

    public long Amount { get; init; }

    public long AmountRefunded { get; init; }

    /// <summary>True only once the whole amount is refunded.</summary>
    public bool Refunded { get; init; }
}

/// <summary>The part of a <c>dispute</c> (from <c>charge.dispute.*</c>) that revocation needs.</summary>
public sealed record StripeDispute
{
    public string Id { get; init; } = "";

    public string? Charge { get; init; }

    public string? PaymentIntent { get; init; }

    public string? Status { get; init; }

    public string? Reason { get; init; }
}
