using Storefront.Core.Templates;
using Storefront.Email.Disputes;
using Storefront.Email.Receipts;
using Storefront.Email.Refunds;

namespace Storefront.Email.Templates;

/// <summary>The emails this module writes, as templates editors can change, each with a sample order to preview against.</summary>
internal static class ShopEmailTemplates
{
    public const string Receipt = "email.receipt";

    public const string Refund = "email.refund";

    public const string DisputeBuyer = "email.dispute.buyer";

    public const string DisputeSupport = "email.dispute.support";

    private static readonly Uri SampleLink = new("https://shop.example.com/download/sample-token");

    private static readonly SellerDetails SampleSeller = new("Field Guides Ltd", ["1 Sample Street", "Springfield"]);

    public static IEnumerable<TemplateDefinition> All =>
    [
        .. EmailTemplates.Define(Receipt, "Receipt", "the receipt a buyer gets once payment is confirmed", "receipt",
            [typeof(Receipt), typeof(ReceiptLine), typeof(ReceiptItem), typeof(ReceiptTotal), typeof(ReceiptLicenseKey), typeof(SellerDetails)],
            new Receipt("Field Guides", "help@example.com", "zoe@example.com", "Zoë Buyer", "1001", "$29.00",
                [new ReceiptLine("CAN Bus Field Guide", SampleLink, 3, 3, new DateTimeOffset(2026, 11, 23, 21, 40, 0, TimeSpan.Zero))], SampleSeller,
                new Uri("https://shop.example.com/library"), [new ReceiptItem("CAN Bus Field Guide", "$29.00", [])], [new ReceiptTotal("Total", "$29.00")]),
            ("""
                {% if receipt.lines.size == 1 %}Your download: {{ receipt.lines.first.product_title }}{% else %}Your downloads: {{ receipt.lines.first.product_title }} and {{ receipt.lines.size | minus: 1 }} more{% endif %} — order {{ receipt.order_number }}
                """,
             """
                Hello{% if receipt.buyer_name %} {{ receipt.buyer_name }}{% endif %},

                Thank you for your order {{ receipt.order_number }} at {{ receipt.site_name }}. You paid {{ receipt.paid_amount }}.

                {% for line in receipt.lines -%}
                {{ line.product_title }}
                Download: {{ line.download_url }}
                {{ line.limits }}.

                {% endfor -%}
                {% for key in receipt.license_keys -%}
                {{ key.product_title }}: {{ key.key }}
                {% endfor -%}
                Each download counts once, so save the file when it arrives. The link stops working after the last download or at the time above, whichever comes first.

                {% if receipt.library_url %}Lost this email? Your purchases and fresh links are in your library: {{ receipt.library_url }}

                {% endif -%}
                Need help? Reply to this email or write to {{ receipt.support_email }}, and mention order {{ receipt.order_number }}.

                """)),
        .. EmailTemplates.Define(Refund, "Refund", "the email a buyer gets when money goes back", "refund",
            [typeof(RefundNotice), typeof(RefundAccess), typeof(SellerDetails)],
            new RefundNotice("Field Guides", "help@example.com", "zoe@example.com", "Zoë Buyer", "1001", "re_sample", "$10.00", "$29.00", false,
                [new RefundAccess("CAN Bus Field Guide", "still yours to download, 3 downloads left until 23 Nov 2026 21:40 UTC.")], SampleSeller),
            ("Refund processed: {{ refund.refunded_amount }} — order {{ refund.order_number }}", "")),
        .. EmailTemplates.Define(DisputeBuyer, "Dispute (to the buyer)", "the email telling a buyer what a dispute did to their download", "dispute",
            [typeof(BuyerDisputeNotice)],
            new BuyerDisputeNotice("Field Guides", "help@example.com", "zoe@example.com", "Zoë Buyer", "1001", "CAN Bus Field Guide", "$29.00", "dp_sample",
                DisputeAccessChange.Suspended),
            ("""
                {% case dispute.access_change %}{% when "suspended" %}Your download of {{ dispute.product_title }} is paused{% when "reinstated" %}Your download of {{ dispute.product_title }} works again{% else %}The dispute about order {{ dispute.order_number }} is closed{% endcase %} — order {{ dispute.order_number }}
                """, "")),
        .. EmailTemplates.Define(DisputeSupport, "Dispute (to support)", "the email telling the shop's support address of a dispute", "dispute",
            [typeof(SupportDisputeNotice)],
            new SupportDisputeNotice("Field Guides", "help@example.com", "1001", "$29.00", "fraudulent", new DateTime(2026, 12, 20, 23, 59, 0, DateTimeKind.Utc),
                new Uri("https://shop.example.com/admin/orders/1001"), "dp_sample", null),
            ("""
                {% if dispute.outcome %}Dispute on order {{ dispute.order_number }} closed: {{ dispute.outcome }}{% else %}Dispute opened on order {{ dispute.order_number }} ({{ dispute.amount }}){% endif %}
                """, "")),
    ];
}
