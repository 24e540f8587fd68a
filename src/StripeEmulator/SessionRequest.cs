using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>Reads and validates <c>POST /v1/checkout/sessions</c> parameters the way Stripe does, naming the offending <c>param</c>.</summary>
internal static class SessionRequest
{
    // Parameters Stripe accepts on this endpoint; anything else is answered parameter_unknown, as Stripe does.
    private static readonly HashSet<string> Known =
    [
        "mode", "success_url", "cancel_url", "line_items", "client_reference_id", "customer_email", "metadata",
        "payment_method_types", "expires_at", "expand", "locale", "payment_intent_data", "submit_type",
        "allow_promotion_codes", "billing_address_collection", "customer_creation", "ui_mode", "custom_text",
        "phone_number_collection", "automatic_tax", "consent_collection", "invoice_creation", "customer",
        "payment_method_options", "tax_id_collection", "custom_fields", "after_expiration", "adaptive_pricing",
        "allowed_payment_method_types", "excluded_payment_method_types", "discounts",
    ];

    public static ApiResponse? TryCreate(FormParameters form, string publicBase, long now, Func<string, EmulatedProduct?> products, out EmulatedSession? session)
    {
        session = null;
        var root = form.Root;
        var unknown = root.Select(p => p.Key).FirstOrDefault(k => !Known.Contains(k));
        if (unknown is not null)
        {
            return StripeErrors.Unknown(unknown);
        }

        if (Text(root, "mode") is not { } mode)
        {
            return StripeErrors.Missing("mode");
        }

        if (mode != "payment")
        {
            return StripeErrors.Invalid("mode", $"The Stripe emulator supports only mode=payment, not '{mode}'.", "parameter_invalid_string");
        }

        foreach (var name in new[] { "success_url", "cancel_url" })
        {
            if (Text(root, name) is { } url && !Uri.TryCreate(url.Replace("{CHECKOUT_SESSION_ID}", "x"), UriKind.Absolute, out _))
            {
                return StripeErrors.Invalid(name, "Not a valid URL", "url_invalid");
            }
        }

        if (root["line_items"] is not JsonArray { Count: > 0 } lines)
        {
            return StripeErrors.Missing("line_items");
        }

        var items = new List<EmulatedLineItem>();
        string? currency = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var error = ReadLine(lines[i] as JsonObject ?? [], $"line_items[{i}]", products, out var item, out var lineCurrency);
            if (error is not null)
            {
                return error;
            }

            if (currency is not null && lineCurrency != currency)
            {
                return StripeErrors.Invalid($"line_items[{i}][price_data][currency]", "All line items must use the same currency.");
            }

            currency = lineCurrency;
            items.Add(item!);
        }

        var created = now;
        var expiresAt = created + 24 * 3600;
        if (Text(root, "expires_at") is { } expires)
        {
            if (!long.TryParse(expires, out expiresAt))
            {
                return StripeErrors.InvalidInteger("expires_at", expires);
            }

            if (expiresAt < created + 1800 || expiresAt > created + 24 * 3600)
            {
                return StripeErrors.Invalid("expires_at", "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.");
            }
        }

        if (root["metadata"] is not null and not JsonObject)
        {
            return StripeErrors.Invalid("metadata", "Invalid object");
        }

        var billing = Text(root, "billing_address_collection");
        if (billing is not (null or "auto" or "required"))
        {
            return StripeErrors.Invalid("billing_address_collection",
                "Invalid billing_address_collection: must be one of auto or required", "parameter_invalid_string");
        }

        if (root["tax_id_collection"] is { } taxIds && taxIds is not JsonObject)
        {
            return StripeErrors.Invalid("tax_id_collection", "Invalid object");
        }

        var taxIdsEnabled = Text(root["tax_id_collection"] as JsonObject ?? [], "enabled");
        if (root["tax_id_collection"] is JsonObject && taxIdsEnabled is null)
        {
            return StripeErrors.Missing("tax_id_collection[enabled]");
        }

        if (taxIdsEnabled is not (null or "true" or "false"))
        {
            return StripeErrors.Invalid("tax_id_collection[enabled]", $"Invalid boolean: {taxIdsEnabled}", "parameter_invalid_boolean");
        }

        var taxIdsRequired = Text(root["tax_id_collection"] as JsonObject ?? [], "required") ?? "never";
        if (taxIdsRequired is not ("never" or "if_supported"))
        {
            return StripeErrors.Invalid("tax_id_collection[required]",
                "Invalid tax_id_collection[required]: must be one of if_supported or never", "parameter_invalid_string");
        }

        if (Flag(root, "allow_promotion_codes", out var allowCodes) is { } badAllow)
        {
            return badAllow;
        }

        if (Flag(root["automatic_tax"] as JsonObject ?? [], "enabled", out var automaticTax, "automatic_tax[enabled]") is { } badTax)
        {
            return badTax;
        }

        if (root["automatic_tax"] is JsonObject && Text((JsonObject)root["automatic_tax"]!, "enabled") is null)
        {
            return StripeErrors.Missing("automatic_tax[enabled]");
        }

        // Checkout takes one discount, fixed by the request or typed by the buyer, never both.
        if (root["discounts"] is not null)
        {
            if (allowCodes)
            {
                return StripeErrors.Invalid("allow_promotion_codes", "You may only specify one of these parameters: allow_promotion_codes, discounts.");
            }

            if (root["discounts"] is not JsonArray { Count: <= 1 } discounts || discounts.Any(d => d is not JsonObject))
            {
                return StripeErrors.Invalid("discounts", "You may only specify one discount on a Checkout Session in payment mode.");
            }
        }

        var id = StripeIds.Session();
        session = new EmulatedSession
        {
            Id = id,
            Created = created,
            ExpiresAt = expiresAt,
            Mode = mode,
            Currency = currency!,
            LineItems = items,
            PaymentMethodTypes = PaymentMethodTypes(root),
            Url = $"{publicBase.TrimEnd('/')}/pay/{id}",
            SuccessUrl = Text(root, "success_url"),
            CancelUrl = Text(root, "cancel_url"),
            ClientReferenceId = Text(root, "client_reference_id"),
            CustomerEmail = Text(root, "customer_email"),
            Metadata = (root["metadata"]?.DeepClone() as JsonObject) ?? [],
            PaymentIntentMetadata = (root["payment_intent_data"]?["metadata"]?.DeepClone() as JsonObject) ?? [],
            BillingAddressCollection = billing,
            TaxIdCollection = taxIdsEnabled == "true",
            TaxIdRequired = taxIdsRequired,
            AllowPromotionCodes = allowCodes,
            AutomaticTax = automaticTax,
        };
        return null;
    }

    private static ApiResponse? ReadLine(JsonObject line, string path, Func<string, EmulatedProduct?> products, out EmulatedLineItem? item, out string? currency)
    {
        item = null;
        currency = null;
        if (Text(line, "price") is { } price)
        {
            // Prices live in Stripe's catalogue, which the emulator does not keep: the shop prices inline.
            return StripeErrors.NoSuch("price", price, $"{path}[price]");
        }

        if (line["price_data"] is not JsonObject data)
        {
            return StripeErrors.Missing($"{path}[price_data]");
        }

        if (Text(line, "quantity") is not { } quantityText)
        {
            return StripeErrors.Missing($"{path}[quantity]");
        }

        if (!long.TryParse(quantityText, out var quantity) || quantity < 1)
        {
            return StripeErrors.InvalidInteger($"{path}[quantity]", quantityText);
        }

        currency = Text(data, "currency");
        if (currency is null)
        {
            return StripeErrors.Missing($"{path}[price_data][currency]");
        }

        if (Text(data, "unit_amount") is not { } amountText)
        {
            return StripeErrors.Missing($"{path}[price_data][unit_amount]");
        }

        if (!long.TryParse(amountText, out var unitAmount) || unitAmount < 0)
        {
            return StripeErrors.InvalidInteger($"{path}[price_data][unit_amount]", amountText);
        }

        var taxBehavior = Text(data, "tax_behavior") ?? "unspecified";
        if (taxBehavior is not ("inclusive" or "exclusive" or "unspecified"))
        {
            return StripeErrors.Invalid($"{path}[price_data][tax_behavior]",
                $"Invalid {path}[price_data][tax_behavior]: must be one of exclusive, inclusive, or unspecified", "parameter_invalid_string");
        }

        currency = currency.ToLowerInvariant();
        if (Text(data, "product") is { } productId)
        {
            if (data["product_data"] is not null)
            {
                return StripeErrors.Invalid($"{path}[price_data][product_data]",
                    $"You may only specify one of these parameters: {path}[price_data][product], {path}[price_data][product_data].");
            }

            if (products(productId) is not { } product)
            {
                return StripeErrors.NoSuch("product", productId, $"{path}[price_data][product]");
            }

            item = new EmulatedLineItem(product.Name, product.Description, unitAmount, quantity) { ProductId = product.Id, TaxBehavior = taxBehavior };
            return null;
        }

        if (Text(data["product_data"] as JsonObject ?? [], "name") is not { Length: > 0 } name)
        {
            return StripeErrors.Missing($"{path}[price_data][product_data][name]");
        }

        item = new EmulatedLineItem(name, Text(data["product_data"] as JsonObject ?? [], "description"), unitAmount, quantity) { TaxBehavior = taxBehavior };
        return null;
    }

    // Explicit types win; otherwise the allowed ones (card when none are named), less the excluded ones, as Stripe resolves them.
    private static List<string> PaymentMethodTypes(JsonObject root)
    {
        var types = Strings(root["payment_method_types"]) ?? Strings(root["allowed_payment_method_types"]) ?? ["card"];
        var excluded = Strings(root["excluded_payment_method_types"]) ?? [];
        return types.Where(t => !excluded.Contains(t)).ToList();
    }

    /// <summary>A boolean parameter (<c>true</c>/<c>false</c>), false when absent; the error names it when it is neither.</summary>
    public static ApiResponse? Flag(JsonObject node, string name, out bool value, string? param = null)
    {
        var text = Text(node, name);
        value = text == "true";
        return text is null or "true" or "false" ? null
            : StripeErrors.Invalid(param ?? name, $"Invalid boolean: {text}", "parameter_invalid_boolean");
    }

    public static List<string>? Strings(JsonNode? node) => (node as JsonArray)?.OfType<JsonValue>().Select(n => n.ToString()).ToList();

    public static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
