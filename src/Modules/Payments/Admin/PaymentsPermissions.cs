using Storefront.Core.Security;

namespace Storefront.Payments.Admin;

/// <summary>
/// Who may see and act on orders. The names predate this class and are stored in saved role grants, so they never change.
/// </summary>
public static class PaymentsPermissions
{
    public static readonly Permission ViewOrders = new(Names.ViewOrders, "See orders, buyers, downloads and the revenue dashboard.", "Orders");

    public static readonly Permission ManageOrders = new(Names.ManageOrders, "Revoke or extend downloads and resend receipts.", "Orders");

    public static readonly Permission RefundOrders = new(Names.RefundOrders, "Refund payments, in full or in part, through Stripe.", "Orders");

    public static readonly Permission ManagePromotions = new(Names.ManagePromotions,
        "Create and deactivate promotion codes (coupons at Stripe) and see their redemptions.", "Orders");

    public static readonly Permission ManageWebhooks = new(Names.ManageWebhooks,
        "Read the Stripe events the shop received (buyers' details included) and process one again.", "Orders");

    /// <summary>The same names as constants, for attributes.</summary>
    public static class Names
    {
        public const string ViewOrders = "ViewOrders";
        public const string ManageOrders = "ManageOrders";
        public const string RefundOrders = "RefundOrders";
        public const string ManagePromotions = "ManagePromotions";
        public const string ManageWebhooks = "ManageWebhooks";
    }
}

/// <summary>Orders and refunds are the owner's business: no built-in role but Administrator gets them until granted.</summary>
internal sealed class PaymentsPermissionProvider : IPermissionProvider
{
    public IEnumerable<Permission> Permissions => [PaymentsPermissions.ViewOrders, PaymentsPermissions.ManageOrders, PaymentsPermissions.RefundOrders,
        PaymentsPermissions.ManagePromotions, PaymentsPermissions.ManageWebhooks];

    public IEnumerable<(string Role, Permission Permission)> DefaultGrants => [];
}
