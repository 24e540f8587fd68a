namespace Storefront.Downloads.Gate;

/// <summary>Why the gate said no.</summary>
public enum Denial
{
    Invalid,
    Expired,
    UsedUp,
    Revoked,

    /// <summary>The payment is disputed; nothing was counted and the download comes back if the dispute is won.</summary>
    UnderReview,

    /// <summary>The purchase is fine but the file cannot be delivered now (missing or unreadable master); the use is given back.</summary>
    Unavailable,

    /// <summary>As many copies of this purchase as allowed are already on their way; nothing was counted.</summary>
    Busy,

    /// <summary>The link looks shared and downloads are stopped until the shop has checked; nothing was counted.</summary>
    SharingReview,
}

internal static class DenialText
{
    public static (string Heading, string Explanation) For(Denial denial) => denial switch
    {
        Denial.Expired => ("This download link has expired",
            "Download links are valid for a limited time after purchase. Contact us and we will help you get your copy."),
        Denial.UsedUp => ("This download link has been used up",
            "Every download link allows a limited number of downloads, and this one has none left. Contact us if you need another copy."),
        Denial.Revoked => ("This download is no longer available",
            "Access to this purchase was withdrawn, usually because the payment was refunded or disputed."),
        Denial.UnderReview => ("This purchase is under review",
            "The payment for this purchase is being disputed with the bank, so downloads are paused while it is under review. "
            + "Nothing was counted: if the payment is confirmed, your remaining downloads come back as they were. Contact us if you have questions."),
        Denial.Unavailable => ("The file cannot be delivered right now",
            "Something is wrong with this file on our side. Your download was not counted; please try again later or contact us."),
        Denial.Busy => ("This download is already in progress",
            "Your purchase is being downloaded in another window or by another device. Wait for that download to finish, then try again; nothing was counted."),
        Denial.SharingReview => ("Downloads of this purchase are paused",
            "This link was used from many different networks, which usually means it was shared, so downloads are paused while we check. "
            + "Nothing was counted. If every download was yours, contact us and we will turn it back on."),
        _ => ("This download link is not valid",
            "The link may be incomplete or mistyped. Copy the whole link from your receipt email or the order page."),
    };
}
