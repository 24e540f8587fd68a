using Storefront.Core.Content;
using Storefront.Library.Emails;

namespace Storefront.Library.Shelf;

/// <summary>Why a download cannot be had now, and what the buyer can do about it, in plain words.</summary>
public sealed record BlockedReason(string Kind, string Why, string WhatToDo)
{
    public const string UsedUp = "used-up";
    public const string Expired = "expired";
    public const string Refunded = "refunded";
    public const string Disputed = "disputed";
    public const string Revoked = "revoked";

    // Downloads' reasons for a withdrawal caused by the payment itself; any other reason is the seller's decision.
    private const string RefundReason = "refunded";
    private const string LostDisputeReason = "dispute lost";

    /// <summary>Null while the right still gives copies.</summary>
    public static BlockedReason? For(DownloadGrant grant, DateTime nowUtc, string support) => grant switch
    {
        { Status: DownloadGrant.Suspended } => new(Disputed,
            "The payment for this order is disputed with the bank, so its downloads are paused until the dispute is decided. Nothing is lost "
            + "meanwhile: if the payment is confirmed, your remaining downloads come back as they were.",
            $"Questions about the dispute? Write to {support}."),
        { IsRevoked: true, RevokedReason: RefundReason } => new(Refunded,
            "This order was refunded, so its downloads were withdrawn.",
            $"If you did not ask for a refund, write to {support}."),
        { IsRevoked: true, RevokedReason: LostDisputeReason } => new(Disputed,
            "The payment for this order was disputed with the bank and the dispute ended against the sale, so its downloads were withdrawn.",
            $"If you think this is a mistake, write to {support}."),
        { IsRevoked: true } => new(Revoked,
            "The seller revoked access to this download.",
            $"If you think this is a mistake, write to {support}."),
        _ when grant.UsesLeft <= 0 || grant.Status == "Exhausted" => new(UsedUp,
            $"All {grant.UsesAllowed} download{(grant.UsesAllowed == 1 ? "" : "s")} of this purchase are used up.",
            $"Ask the seller for more downloads at {support}."),
        _ when grant.Status == "Expired" || grant.ExpiresAt <= nowUtc => new(Expired,
            $"The download period for this purchase ended on {LibraryMail.Moment(grant.ExpiresAt)}.",
            $"Ask the seller to extend it at {support}."),
        _ => null,
    };
}
