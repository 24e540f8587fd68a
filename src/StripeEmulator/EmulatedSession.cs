using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

internal sealed record EmulatedLineItem(string Name, string? Description, long UnitAmount, long Quantity)
{
    public string Id { get; } = StripeIds.New("li");

    public string PriceId { get; } = StripeIds.New("price");

    /// <summary>The Stripe Product: given as <c>price_data[product]</c>, or made for this line from <c>product_data</c>.</summary>
    public string ProductId { get; init; } = StripeIds.New("prod", 14);

    /// <summary><c>price_data[tax_behavior]</c>: <c>inclusive</c>, <c>exclusive</c> or <c>unspecified</c>.</summary>
    public string TaxBehavior { get; init; } = "unspecified";

    public long Total => UnitAmount * Quantity;

    /// <summary>This line's part of the session's discount; set under the state's gate when the discount is applied.</summary>
    public long AmountDiscount { get; set; }

    public long AmountTax { get; set; }

    /// <summary>The rate the tax was computed at, once the buyer's country is known.</summary>
    public (decimal Percent, string Name, string Country)? TaxRate { get; set; }

    public bool Inclusive => TaxBehavior == "inclusive";

    /// <summary>What the line costs the buyer: an exclusive tax comes on top, an inclusive one is already in the price.</summary>
    public long AmountTotal => Total - AmountDiscount + (Inclusive ? 0 : AmountTax);

    /// <summary>A Checkout line <c>item</c> as <c>GET …/line_items</c> and <c>expand[]=line_items</c> answer it; inline prices are inactive.</summary>
    public JsonObject ToJson(string currency, long created, JsonObject? discount) => new()
    {
        ["id"] = Id,
        ["object"] = "item",
        ["amount_discount"] = AmountDiscount,
        ["amount_subtotal"] = Total,
        ["amount_tax"] = AmountTax,
        ["amount_total"] = AmountTotal,
        ["currency"] = currency,
        ["description"] = Name,
        ["discounts"] = discount is null || AmountDiscount == 0
            ? new JsonArray()
            : new JsonArray(new JsonObject { ["amount"] = AmountDiscount, ["discount"] = discount.DeepClone() }),
        ["price"] = new JsonObject
        {
            ["id"] = PriceId,
            ["object"] = "price",
            ["active"] = false,
            ["billing_scheme"] = "per_unit",
            ["created"] = created,
            ["currency"] = currency,
            ["livemode"] = false,
            ["metadata"] = new JsonObject(),
            ["product"] = ProductId,
            ["tax_behavior"] = TaxBehavior,
            ["type"] = "one_time",
            ["unit_amount"] = UnitAmount,
            ["unit_amount_decimal"] = UnitAmount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        ["quantity"] = Quantity,
        ["taxes"] = TaxRate is not { } rate ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["amount"] = AmountTax,
            ["rate"] = new JsonObject
            {
                ["id"] = "txr_emulated_" + rate.Country.ToLowerInvariant() + (Inclusive ? "_incl" : "_excl"),
                ["object"] = "tax_rate",
                ["active"] = true,
                ["country"] = rate.Country,
                ["display_name"] = rate.Name,
                ["inclusive"] = Inclusive,
                ["jurisdiction"] = rate.Country,
                ["livemode"] = false,
                ["percentage"] = JsonValue.Create(rate.Percent),
                ["tax_type"] = rate.Percent == 0 ? null : "vat",
            },
            ["taxability_reason"] = rate.Percent == 0 ? "not_collecting" : "standard_rated",
            ["taxable_amount"] = Total - AmountDiscount - (Inclusive ? AmountTax : 0),
        }),
    };
}

/// <summary>A Checkout Session and where the buyer got with it. Mutated only under the state's gate.</summary>
internal sealed class EmulatedSession
{
    public required string Id { get; init; }

    public required long Created { get; init; }

    /// <summary>Creation order: lists are newest first, and several sessions share a second.</summary>
    public long Sequence { get; set; }

    public required long ExpiresAt { get; init; }

    public required string Mode { get; init; }

    public required string Currency { get; init; }

    public required IReadOnlyList<EmulatedLineItem> LineItems { get; init; }

    public required IReadOnlyList<string> PaymentMethodTypes { get; init; }

    public required string Url { get; init; }

    public string? SuccessUrl { get; init; }

    public string? CancelUrl { get; init; }

    public string? ClientReferenceId { get; init; }

    public string? CustomerEmail { get; init; }

    public JsonObject Metadata { get; init; } = [];

    public JsonObject PaymentIntentMetadata { get; init; } = [];

    public string Status { get; set; } = "open";

    public string PaymentStatus { get; set; } = "unpaid";

    public string? PaymentIntentId { get; set; }

    public string? BuyerEmail { get; set; }

    public string? BuyerName { get; set; }

    /// <summary><c>billing_address_collection</c> as asked: null, <c>auto</c> or <c>required</c>.</summary>
    public string? BillingAddressCollection { get; init; }

    /// <summary><c>tax_id_collection[enabled]</c>.</summary>
    public bool TaxIdCollection { get; init; }

    /// <summary><c>tax_id_collection[required]</c>: <c>never</c> unless asked for <c>if_supported</c>.</summary>
    public string TaxIdRequired { get; init; } = "never";

    /// <summary>The buyer's billing address, in Stripe's <c>address</c> shape; null when the page did not ask for one.</summary>
    public JsonObject? BuyerAddress { get; set; }

    public string? BuyerBusinessName { get; set; }

    /// <summary><c>customer_details.tax_ids</c> entries: <c>{ type, value }</c>.</summary>
    public List<(string Type, string Value)> BuyerTaxIds { get; } = [];

    /// <summary>A discount and tax set by a test helper, which win over what the lines compute.</summary>
    public long? ManualDiscount { get; set; }

    public long? ManualTax { get; set; }

    public bool AllowPromotionCodes { get; init; }

    /// <summary>What the hosted page asks of the address: Stripe Tax needs at least the country, even when the request asked for none.</summary>
    public string? AddressCollection => BillingAddressCollection ?? (AutomaticTax ? "auto" : null);

    /// <summary><c>automatic_tax[enabled]</c>: tax is computed from the buyer's billing country once it is known.</summary>
    public bool AutomaticTax { get; init; }

    /// <summary>The applied discount: the coupon, and the promotion code the buyer or the request named, if any.</summary>
    public string? CouponId { get; set; }

    public string? PromotionCodeId { get; set; }

    /// <summary>The customer-facing code of <see cref="PromotionCodeId"/>, for the hosted page.</summary>
    public string? PromotionCodeText { get; set; }

    /// <summary>The discount object as Stripe reports it on line items, built when the discount is applied.</summary>
    public JsonObject? Discount { get; set; }

    public long AmountDiscount => ManualDiscount ?? LineItems.Sum(l => l.AmountDiscount);

    public long AmountTax => ManualTax ?? LineItems.Sum(l => l.AmountTax);

    /// <summary>Completed by bank debit and not yet settled either way.</summary>
    public bool AwaitingSettlement { get; set; }

    public long AmountSubtotal => LineItems.Sum(l => l.Total);

    public long AmountTotal => ManualDiscount is not null || ManualTax is not null
        ? AmountSubtotal - AmountDiscount + AmountTax
        : LineItems.Sum(l => l.AmountTotal);

    public IReadOnlyList<JsonObject> LineItemsJson() => LineItems.Select(l => l.ToJson(Currency, Created, Discount)).ToList();

    /// <summary>The object as Stripe serialises it (alphabetical keys, nulls present), for the API and for events.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "checkout.session",
        ["after_expiration"] = null,
        ["allow_promotion_codes"] = AllowPromotionCodes ? true : null,
        ["amount_subtotal"] = AmountSubtotal,
        ["amount_total"] = AmountTotal,
        ["automatic_tax"] = new JsonObject
        {
            ["enabled"] = AutomaticTax,
            ["liability"] = AutomaticTax ? new JsonObject { ["type"] = "self" } : null,
            ["provider"] = AutomaticTax ? "stripe" : null,
            ["status"] = !AutomaticTax ? null : LineItems.Any(l => l.TaxRate is null) ? "requires_location_inputs" : "complete",
        },
        ["billing_address_collection"] = BillingAddressCollection,
        ["cancel_url"] = CancelUrl,
        ["client_reference_id"] = ClientReferenceId,
        ["client_secret"] = null,
        ["consent"] = null,
        ["consent_collection"] = null,
        ["created"] = Created,
        ["currency"] = Currency,
        ["custom_fields"] = new JsonArray(),
        ["custom_text"] = new JsonObject { ["after_submit"] = null, ["shipping_address"] = null, ["submit"] = null, ["terms_of_service_acceptance"] = null },
        ["customer"] = null,
        ["customer_creation"] = "if_required",
        ["customer_details"] = BuyerEmail is null ? null : new JsonObject
        {
            ["address"] = BuyerAddress?.DeepClone(),
            ["business_name"] = BuyerBusinessName,
            ["email"] = BuyerEmail,
            ["individual_name"] = null,
            ["name"] = BuyerName,
            ["phone"] = null,
            ["tax_exempt"] = "none",
            ["tax_ids"] = new JsonArray(BuyerTaxIds.Select(t => (JsonNode?)new JsonObject { ["type"] = t.Type, ["value"] = t.Value }).ToArray()),
        },
        ["customer_email"] = CustomerEmail,
        ["discounts"] = CouponId is null ? new JsonArray()
            : new JsonArray(new JsonObject { ["coupon"] = CouponId, ["promotion_code"] = PromotionCodeId }),
        ["expires_at"] = ExpiresAt,
        ["invoice"] = null,
        ["invoice_creation"] = null,
        ["livemode"] = false,
        ["locale"] = null,
        ["metadata"] = Metadata.DeepClone(),
        ["mode"] = Mode,
        ["payment_intent"] = PaymentIntentId,
        ["payment_link"] = null,
        ["payment_method_collection"] = "if_required",
        ["payment_method_options"] = new JsonObject(),
        ["payment_method_types"] = new JsonArray(PaymentMethodTypes.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
        ["payment_status"] = PaymentStatus,
        ["phone_number_collection"] = new JsonObject { ["enabled"] = false },
        ["recovered_from"] = null,
        ["setup_intent"] = null,
        ["shipping_address_collection"] = null,
        ["shipping_cost"] = null,
        ["shipping_options"] = new JsonArray(),
        ["status"] = Status,
        ["submit_type"] = null,
        ["subscription"] = null,
        ["success_url"] = SuccessUrl,
        ["tax_id_collection"] = new JsonObject { ["enabled"] = TaxIdCollection, ["required"] = TaxIdRequired },
        ["total_details"] = new JsonObject { ["amount_discount"] = AmountDiscount, ["amount_shipping"] = 0, ["amount_tax"] = AmountTax },
        ["ui_mode"] = "hosted",
        // Stripe clears the url once the session can no longer be paid.
        ["url"] = Status == "open" ? Url : null,
    };
}
