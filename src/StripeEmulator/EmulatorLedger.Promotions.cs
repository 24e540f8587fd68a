using System.Globalization;
using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>Products, coupons and promotion codes, and how a session's discount and tax are worked out per line.</summary>
internal sealed partial class EmulatorLedger
{
    private static readonly string[] ProductParams = ["id", "name", "description", "metadata", "active", "tax_code", "expand"];

    private static readonly string[] CouponParams =
        ["id", "name", "percent_off", "amount_off", "currency", "duration", "duration_in_months", "applies_to", "max_redemptions", "redeem_by", "metadata", "expand"];

    private static readonly string[] CodeParams = ["promotion", "coupon", "code", "active", "expires_at", "max_redemptions", "restrictions", "metadata", "expand", "customer"];

    private long Now => options.Time.GetUtcNow().ToUnixTimeSeconds();

    public ApiResponse CreateProduct(FormParameters form)
    {
        var root = form.Root;
        if (Unknown(root, ProductParams) is { } unknown)
        {
            return unknown;
        }

        if (SessionRequest.Text(root, "name") is not { Length: > 0 } name)
        {
            return StripeErrors.Missing("name");
        }

        lock (state.Gate)
        {
            var id = SessionRequest.Text(root, "id") ?? StripeIds.New("prod", 14);
            if (state.Products.ContainsKey(id))
            {
                return StripeErrors.Invalid("id", $"Product already exists.", "resource_already_exists");
            }

            var product = new EmulatedProduct
            {
                Id = id, Name = name, Description = SessionRequest.Text(root, "description"), Created = Now,
                Metadata = (root["metadata"]?.DeepClone() as JsonObject) ?? [],
            };
            state.Products[id] = product;
            return ApiResponse.Ok(product.ToJson());
        }
    }

    public ApiResponse GetProduct(string id)
    {
        lock (state.Gate)
        {
            return state.Products.TryGetValue(id, out var product) ? ApiResponse.Ok(product.ToJson()) : StripeErrors.NoSuch("product", id, "id");
        }
    }

    public ApiResponse CreateCoupon(FormParameters form)
    {
        var root = form.Root;
        if (Unknown(root, CouponParams) is { } unknown)
        {
            return unknown;
        }

        var percentText = SessionRequest.Text(root, "percent_off");
        var amountText = SessionRequest.Text(root, "amount_off");
        decimal? percent = null;
        long? amount = null;
        if (percentText is null == amountText is null)
        {
            return percentText is null
                ? StripeErrors.Missing("percent_off")
                : StripeErrors.Invalid("amount_off", "You may only specify one of these parameters: amount_off, percent_off.");
        }

        if (percentText is not null)
        {
            if (!decimal.TryParse(percentText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p))
            {
                return StripeErrors.Invalid("percent_off", $"Invalid decimal: {percentText}", "parameter_invalid_decimal");
            }

            if (p is <= 0 or > 100)
            {
                return StripeErrors.Invalid("percent_off", "Invalid percent_off: must be greater than 0 and less than or equal to 100.");
            }

            percent = p;
        }

        var currency = SessionRequest.Text(root, "currency")?.ToLowerInvariant();
        if (amountText is not null)
        {
            if (!long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var a) || a < 1)
            {
                return a < 1 && long.TryParse(amountText, out _)
                    ? StripeErrors.Invalid("amount_off", "Invalid amount_off: must be a positive integer.")
                    : StripeErrors.InvalidInteger("amount_off", amountText);
            }

            if (currency is null)
            {
                return StripeErrors.Missing("currency");
            }

            amount = a;
        }

        var duration = SessionRequest.Text(root, "duration") ?? "once";
        if (duration is not ("once" or "forever" or "repeating"))
        {
            return StripeErrors.Invalid("duration", "Invalid duration: must be one of forever, once, or repeating", "parameter_invalid_string");
        }

        var badCount = Count(root, "max_redemptions", out var maxRedemptions);
        var badDate = Timestamp(root, "redeem_by", out var redeemBy);
        if ((badCount ?? badDate) is { } refused)
        {
            return refused;
        }

        var appliesTo = SessionRequest.Strings((root["applies_to"] as JsonObject)?["products"]);
        lock (state.Gate)
        {
            for (var i = 0; i < (appliesTo?.Count ?? 0); i++)
            {
                if (!state.Products.ContainsKey(appliesTo![i]))
                {
                    return StripeErrors.NoSuch("product", appliesTo[i], $"applies_to[products][{i}]");
                }
            }

            var id = SessionRequest.Text(root, "id") ?? StripeIds.New("", 8).TrimStart('_');
            if (state.Coupons.ContainsKey(id))
            {
                return StripeErrors.Invalid("id", "Coupon already exists.", "resource_already_exists");
            }

            var coupon = new EmulatedCoupon
            {
                Id = id, PercentOff = percent, AmountOff = amount, Currency = amount is null ? null : currency, Duration = duration,
                Name = SessionRequest.Text(root, "name"), MaxRedemptions = maxRedemptions, RedeemBy = redeemBy, AppliesTo = appliesTo,
                Created = Now, Metadata = (root["metadata"]?.DeepClone() as JsonObject) ?? [],
            };
            state.Coupons[id] = coupon;
            return ApiResponse.Ok(coupon.ToJson(Now, WantsAppliesTo(root)));
        }
    }

    public ApiResponse GetCoupon(string id, JsonObject query)
    {
        lock (state.Gate)
        {
            return state.Coupons.TryGetValue(id, out var coupon)
                ? ApiResponse.Ok(coupon.ToJson(Now, WantsAppliesTo(query)))
                : StripeErrors.NoSuch("coupon", id, "id");
        }
    }

    public ApiResponse CreatePromotionCode(FormParameters form)
    {
        var root = form.Root;
        if (Unknown(root, CodeParams) is { } unknown)
        {
            return unknown;
        }

        // The API version the SDKs pin names the coupon as promotion[coupon] (with promotion[type]=coupon); older ones sent coupon.
        var promotion = root["promotion"] as JsonObject;
        var couponParam = promotion is null ? "coupon" : "promotion[coupon]";
        if (promotion is not null && SessionRequest.Text(promotion, "type") is not "coupon")
        {
            return SessionRequest.Text(promotion, "type") is null
                ? StripeErrors.Missing("promotion[type]")
                : StripeErrors.Invalid("promotion[type]", "Invalid promotion[type]: must be coupon", "parameter_invalid_string");
        }

        if (SessionRequest.Text(promotion ?? root, "coupon") is not { } couponId)
        {
            return StripeErrors.Missing(couponParam);
        }

        var code = SessionRequest.Text(root, "code");
        if (code is not null && (code.Length is 0 or > 500 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            return StripeErrors.Invalid("code", "Invalid code: may contain only letters (a-z, A-Z), digits (0-9) and dashes (-).");
        }

        var restrictions = root["restrictions"] as JsonObject ?? [];
        // Every parameter is read; the first refusal in the order Stripe checks them is the answer.
        var badActive = SessionRequest.Flag(root, "active", out var active);
        var badFirst = SessionRequest.Flag(restrictions, "first_time_transaction", out var firstTime, "restrictions[first_time_transaction]");
        var badCount = Count(root, "max_redemptions", out var maxRedemptions);
        var badExpiry = Timestamp(root, "expires_at", out var expiresAt);
        if ((badActive ?? badFirst ?? badCount ?? badExpiry) is { } refused)
        {
            return refused;
        }

        lock (state.Gate)
        {
            if (!state.Coupons.TryGetValue(couponId, out var coupon))
            {
                return StripeErrors.NoSuch("coupon", couponId, couponParam);
            }

            if (coupon.RedeemBy is { } redeemBy && expiresAt > redeemBy)
            {
                return StripeErrors.Invalid("expires_at", "The promotion code's `expires_at` may not be after the coupon's `redeem_by`.");
            }

            code ??= StripeIds.New("", 8).TrimStart('_').ToUpperInvariant();
            if (state.PromotionCodes.Values.Any(p => p.Active && p.Code.Equals(code, StringComparison.OrdinalIgnoreCase)))
            {
                return StripeErrors.Invalid("code", $"An active promotion code with `code: {code}` already exists.", "resource_already_exists");
            }

            var promotionCode = new EmulatedPromotionCode
            {
                Id = StripeIds.New("promo"), Code = code, CouponId = couponId, Active = SessionRequest.Text(root, "active") is null || active,
                MaxRedemptions = maxRedemptions, ExpiresAt = expiresAt, FirstTimeTransaction = firstTime, Created = Now,
                Metadata = (root["metadata"]?.DeepClone() as JsonObject) ?? [],
            };
            state.PromotionCodes[promotionCode.Id] = promotionCode;
            return ApiResponse.Ok(promotionCode.ToJson());
        }
    }

    public ApiResponse GetPromotionCode(string id)
    {
        lock (state.Gate)
        {
            return state.PromotionCodes.TryGetValue(id, out var code) ? ApiResponse.Ok(code.ToJson()) : StripeErrors.NoSuch("promotion_code", id, "id");
        }
    }

    /// <summary><c>POST /v1/promotion_codes/{id}</c>: only <c>active</c>, <c>metadata</c> and <c>restrictions</c> can change, as at Stripe.</summary>
    public ApiResponse UpdatePromotionCode(string id, FormParameters form)
    {
        var root = form.Root;
        if (Unknown(root, ["active", "metadata", "restrictions", "expand"]) is { } unknown)
        {
            return unknown;
        }

        if (SessionRequest.Flag(root, "active", out var active) is { } badFlag)
        {
            return badFlag;
        }

        lock (state.Gate)
        {
            if (!state.PromotionCodes.TryGetValue(id, out var code))
            {
                return StripeErrors.NoSuch("promotion_code", id, "id");
            }

            if (SessionRequest.Text(root, "active") is not null)
            {
                if (active && !code.Active && state.PromotionCodes.Values.Any(p => p.Active && p.Code.Equals(code.Code, StringComparison.OrdinalIgnoreCase)))
                {
                    return StripeErrors.Refused($"An active promotion code with `code: {code.Code}` already exists.", "resource_already_exists", "active");
                }

                code.Active = active;
            }

            if (root["metadata"] is JsonObject metadata)
            {
                foreach (var (key, value) in metadata)
                {
                    if (value?.ToString() is { Length: > 0 })
                    {
                        code.Metadata[key] = value.DeepClone();
                    }
                    else
                    {
                        code.Metadata.Remove(key);
                    }
                }
            }

            return ApiResponse.Ok(code.ToJson());
        }
    }

    /// <summary><c>GET /v1/promotion_codes</c>: newest first, filtered by <c>code</c> (case-insensitive), <c>coupon</c> and <c>active</c>.</summary>
    public ApiResponse ListPromotionCodes(JsonObject query)
    {
        var code = SessionRequest.Text(query, "code");
        var coupon = SessionRequest.Text(query, "coupon");
        var active = SessionRequest.Text(query, "active");
        lock (state.Gate)
        {
            var codes = state.PromotionCodes.Values
                .Where(p => (code is null || p.Code.Equals(code, StringComparison.OrdinalIgnoreCase)) && (coupon is null || p.CouponId == coupon)
                    && (active is null || p.Active == (active == "true")))
                .Where(p => StripeLists.CreatedMatches(query["created"], p.Created))
                .Reverse()
                .Select(p => p.ToJson())
                .ToList();
            return StripeLists.Page(query, "/v1/promotion_codes", "promotion_code", codes, "code", "coupon", "active", "created", "customer");
        }
    }

    /// <summary>A code the buyer typed on the hosted page (only offered when the session allows promotion codes).</summary>
    public string? ApplyTypedCode(string sessionId, string typed, string? email)
    {
        lock (state.Gate)
        {
            if (!TryFind(sessionId, out var session) || session.Status != "open")
            {
                return "This checkout is no longer open.";
            }

            var code = state.PromotionCodes.Values.FirstOrDefault(p => p.Active && p.Code.Equals(typed.Trim(), StringComparison.OrdinalIgnoreCase));
            if (!session.AllowPromotionCodes || code is null)
            {
                return "This code is invalid.";
            }

            return ApplyDiscount(session, code.CouponId, code, "promotion_code", email ?? session.CustomerEmail)?.Body["error"]?["message"]?.ToString();
        }
    }

    // discounts[0][coupon] or discounts[0][promotion_code], resolved and checked as Stripe does when the session is created.
    private ApiResponse? RequestedDiscount(EmulatedSession session, JsonObject root, long now)
    {
        if ((root["discounts"] as JsonArray)?.FirstOrDefault() is not JsonObject discount)
        {
            return null;
        }

        if (SessionRequest.Text(discount, "promotion_code") is { } promoId)
        {
            const string param = "discounts[0][promotion_code]";
            if (!state.PromotionCodes.TryGetValue(promoId, out var code))
            {
                return StripeErrors.NoSuch("promotion_code", promoId, param);
            }

            return ApplyDiscount(session, code.CouponId, code, param, session.CustomerEmail);
        }

        if (SessionRequest.Text(discount, "coupon") is { } couponId)
        {
            return state.Coupons.ContainsKey(couponId)
                ? ApplyDiscount(session, couponId, null, "discounts[0][coupon]", session.CustomerEmail)
                : StripeErrors.NoSuch("coupon", couponId, "discounts[0][coupon]");
        }

        return StripeErrors.Missing("discounts[0][coupon]");
    }

    private ApiResponse? ApplyDiscount(EmulatedSession session, string couponId, EmulatedPromotionCode? code, string param, string? email)
    {
        var coupon = state.Coupons[couponId];
        if (code is not null)
        {
            if (!code.Active)
            {
                return StripeErrors.Invalid(param, $"This promotion code is inactive: '{code.Code}'.");
            }

            if (code.ExpiresAt is { } expires && Now >= expires)
            {
                return StripeErrors.Invalid(param, $"This promotion code has expired: '{code.Code}'.", "coupon_expired");
            }

            if (code.MaxRedemptions is { } max && code.TimesRedeemed >= max)
            {
                return StripeErrors.Invalid(param, $"This promotion code has reached its maximum number of redemptions: '{code.Code}'.");
            }

            if (code.FirstTimeTransaction && email is not null && state.Sessions.Values.Any(s =>
                    s.PaymentStatus == "paid" && string.Equals(s.BuyerEmail ?? s.CustomerEmail, email, StringComparison.OrdinalIgnoreCase)))
            {
                return StripeErrors.Invalid(param, "This promotion code cannot be redeemed because the associated customer has prior transactions.");
            }
        }

        if (!coupon.Valid(Now))
        {
            return StripeErrors.Invalid(param, $"Coupon expired: {coupon.Id}", "coupon_expired");
        }

        if (coupon.AmountOff is not null && coupon.Currency != session.Currency)
        {
            return StripeErrors.Invalid(param, $"The coupon's currency ({coupon.Currency}) does not match the session's currency ({session.Currency}).");
        }

        var eligible = session.LineItems.Where(l => coupon.AppliesToProduct(l.ProductId)).ToList();
        if (eligible.Count == 0)
        {
            return StripeErrors.Invalid(param, "This coupon cannot be applied because none of the items in this session are eligible for it.");
        }

        var parts = coupon.PercentOff is { } percent
            ? eligible.Select(l => (long)Math.Round(l.Total * percent / 100m, MidpointRounding.AwayFromZero)).ToList()
            : Split(Math.Min(coupon.AmountOff!.Value, eligible.Sum(l => l.Total)), eligible.Select(l => l.Total).ToList());
        for (var i = 0; i < eligible.Count; i++)
        {
            eligible[i].AmountDiscount = parts[i];
        }

        session.CouponId = coupon.Id;
        session.PromotionCodeId = code?.Id;
        session.PromotionCodeText = code?.Code;
        session.Discount = new JsonObject
        {
            ["id"] = StripeIds.New("di"),
            ["object"] = "discount",
            ["checkout_session"] = session.Id,
            ["coupon"] = coupon.ToJson(Now),
            ["customer"] = null,
            ["end"] = null,
            ["invoice"] = null,
            ["invoice_item"] = null,
            ["promotion_code"] = code?.Id,
            ["start"] = Now,
            ["subscription"] = null,
        };
        return null;
    }

    /// <summary>
    /// An amount off shared across lines in proportion to their totals: each part rounded down, then the cents left over
    /// go one each to the lines with the largest remainders (the earlier line on a tie), so the parts sum to the amount exactly.
    /// </summary>
    public static List<long> Split(long amount, IReadOnlyList<long> totals)
    {
        var sum = totals.Sum();
        if (sum == 0)
        {
            return totals.Select(_ => 0L).ToList();
        }

        var parts = totals.Select(t => (long)((decimal)amount * t / sum)).ToList();
        var remainders = totals.Select((t, i) => (Index: i, Left: (decimal)amount * t % sum)).OrderByDescending(r => r.Left).ThenBy(r => r.Index).ToList();
        // Each part lost less than one unit to rounding down, so fewer units are left over than there are lines.
        foreach (var (index, _) in remainders.Take((int)(amount - parts.Sum())))
        {
            parts[index]++;
        }

        return parts;
    }

    // Stripe Tax's answer once the buyer's billing country is known, per line on what is left after the discount.
    private static void ComputeTax(EmulatedSession session, string? country)
    {
        var (percent, name) = EmulatedTaxRates.For(country);
        foreach (var line in session.LineItems)
        {
            line.TaxRate = (percent, name, (country ?? "").ToUpperInvariant());
            line.AmountTax = EmulatedTaxRates.Compute(line.Total - line.AmountDiscount, percent, line.Inclusive);
        }
    }

    // A discount is redeemed when its session completes, once, on the promotion code and on its coupon.
    private void Redeem(EmulatedSession session)
    {
        if (session.CouponId is { } couponId && state.Coupons.TryGetValue(couponId, out var coupon))
        {
            coupon.TimesRedeemed++;
        }

        if (session.PromotionCodeId is { } codeId && state.PromotionCodes.TryGetValue(codeId, out var code))
        {
            code.TimesRedeemed++;
        }
    }

    private static bool WantsAppliesTo(JsonObject root) => SessionRequest.Strings(root["expand"])?.Contains("applies_to") == true;

    private static ApiResponse? Unknown(JsonObject root, string[] known) =>
        root.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k)) is { } name ? StripeErrors.Unknown(name) : null;

    private static ApiResponse? Count(JsonObject root, string name, out long? value)
    {
        value = null;
        if (SessionRequest.Text(root, name) is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return StripeErrors.InvalidInteger(name, text);
        }

        if (n < 1)
        {
            return StripeErrors.Invalid(name, $"Invalid {name}: must be a positive integer.");
        }

        value = n;
        return null;
    }

    private ApiResponse? Timestamp(JsonObject root, string name, out long? value)
    {
        value = null;
        if (SessionRequest.Text(root, name) is not { } text)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var at))
        {
            return StripeErrors.InvalidInteger(name, text);
        }

        if (at <= Now)
        {
            return StripeErrors.Invalid(name, $"Invalid {name}: must be a timestamp in the future.");
        }

        value = at;
        return null;
    }
}
