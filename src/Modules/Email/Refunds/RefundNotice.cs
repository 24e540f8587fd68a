using Storefront.Email.Receipts;

namespace Storefront.Email.Refunds;

/// <summary>
/// What the "refund processed" email says. Amounts arrive formatted; <see cref="RefundId"/> (Stripe's) makes the
/// Message-ID, so each refund has one email however often it is sent.
/// </summary>
public sealed record RefundNotice(
    string SiteName,
    string SupportEmail,
    string BuyerEmail,
    string? BuyerName,
    string OrderNumber,
    string RefundId,
    string RefundedAmount,
    string PaidAmount,
    bool RefundedInFull,
    IReadOnlyList<RefundAccess> Access,
    SellerDetails? Seller = null);

/// <summary>One product of the order and what is left of its download after the refund, in a sentence.</summary>
public sealed record RefundAccess(string ProductTitle, string Remaining);
