namespace Storefront.Payments.Stripe.Models;

/// <summary>A Stripe <c>checkout.session</c>, the fields this shop reads. Unknown fields are ignored.</summary>
public sealed record CheckoutSession
{
    public string Id { get; init; } = "";

    public string Object { get; init; } = "";

    /// <summary>The hosted page to send the buyer to; null once the session is complete or expired.</summary>
    public string? Url { get; init; }

    /// <summary><c>open</c>, <c>complete</c> or <c>expired</c>.</summary>
    public string? Status { get; init; }

    /// <summary><c>paid</c>, <c>unpaid</c> (e.g. a bank debit not yet settled) or <c>no_payment_required</c>.</summary>
    public string? PaymentStatus { get; init; }

    public string? Mode { get; init; }

    public string? ClientReferenceId { get; init; }

    public Dictionary<string, string> Metadata { get; init; } = [];

    public CustomerDetails? CustomerDetails { get; init; }

    public string? CustomerEmail { get; init; }

    /// <summary>The payment intent's id (not expanded).</summary>
    public string? PaymentIntent { get; init; }

    public long? AmountTotal { get; init; }

    public string? Currency { get; init; }

    public string? SuccessUrl { get; init; }

    public string? CancelUrl { get; init; }

    /// <summary>Unix seconds.</summary>
    public long ExpiresAt { get; init; }

    public bool Livemode { get; init; }

    public bool IsPaid => Status == "complete" && PaymentStatus == "paid";
}

public sealed record CustomerDetails
{
    public string? Email { get; init; }

    public string? Name { get; init; }
}
