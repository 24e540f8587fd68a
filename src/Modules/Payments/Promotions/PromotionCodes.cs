using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Storefront.Core.Audit;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Payments.Orders;
using Storefront.Payments.Stripe;
using Stripe;

namespace Storefront.Payments.Promotions;

public sealed record PromotionOutcome(PromotionCode? Code, IReadOnlyList<(string Field, string Message)> Problems)
{
    public bool Succeeded => Code is not null;
}

/// <summary>A code with its redemptions: paid orders (refunded and disputed ones included, as Stripe counts them) started with it.</summary>
public sealed record PromotionRow(PromotionCode Code, long Redemptions, IReadOnlyList<string> ProductTitles, string Status);

/// <summary>
/// Creates codes at Stripe (a coupon, then a promotion code, each with an idempotency key from our row id) and in our table,
/// deactivates them in both places, and lists them with their redemptions.
/// </summary>
public sealed class PromotionCodes(
    StorefrontDbContext db, StripeClients stripe, StripeProducts products, ICatalogProducts catalog, AuditLog audit, TimeProvider clock,
    ILogger<PromotionCodes> logger)
{
    public async Task<PromotionOutcome> CreateAsync(PromotionDraft draft, CancellationToken cancellationToken, Guid? id = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var problems = draft.Problems(now).ToList();
        var normalized = PromotionCode.Normalize(draft.Code ?? "");
        if (problems.Count == 0 && await db.Set<PromotionCode>().AnyAsync(p => p.NormalizedCode == normalized, cancellationToken))
        {
            problems.Add(("code", $"The code {normalized} already exists. Codes are the same whatever their case."));
        }

        var snapshots = new List<ProductSnapshot>();
        foreach (var slug in draft.ProductSlugs)
        {
            if (await catalog.FindPublishedAsync(slug, cancellationToken) is { } product)
            {
                snapshots.Add(product);
            }
            else
            {
                problems.Add(("products", $"No product on sale has the address {slug}."));
            }
        }

        if (problems.Count > 0)
        {
            return new PromotionOutcome(null, problems);
        }

        var row = new PromotionCode
        {
            Id = id ?? Guid.CreateVersion7(), Code = draft.Code!.Trim(), NormalizedCode = normalized, Kind = draft.Kind, Value = draft.Value,
            Currency = draft.Kind == DiscountKind.Amount ? draft.Currency : null, ExpiresAt = draft.ExpiresAt, MaxRedemptions = draft.MaxRedemptions,
            ProductIds = snapshots.Count == 0 ? null : string.Join(',', snapshots.Select(p => p.Id).Distinct()),
            OncePerCustomer = draft.OncePerCustomer, CreatedAt = now,
        };
        try
        {
            await CreateAtStripeAsync(row, snapshots, cancellationToken);
        }
        catch (StripeException ex)
        {
            logger.LogWarning("Stripe refused promotion code {Code}: {Message}", row.NormalizedCode, ex.StripeError?.Message ?? ex.Message);
            return new PromotionOutcome(null, [("code", "Stripe refused the code: " + (ex.StripeError?.Message ?? ex.Message))]);
        }
        catch (HttpRequestException)
        {
            return new PromotionOutcome(null, [("code", "Stripe could not be reached. Nothing was saved; try again in a minute.")]);
        }

        db.Add(row);
        audit.Record("promotion.created", row.NormalizedCode,
            $"{PromotionDraft.Describe(row.Kind, row.Value, row.Currency)} off" + (row.ExpiresAt is { } e ? $", until {e:yyyy-MM-dd HH:mm} UTC" : "")
            + (row.MaxRedemptions is { } m ? $", at most {m} redemptions" : "") + (row.OncePerCustomer ? ", once per customer" : "")
            + (snapshots.Count > 0 ? ", for " + string.Join(", ", snapshots.Select(p => p.Slug)) : ""));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator saved the same code a moment earlier: the unique index decided.
            db.Entry(row).State = EntityState.Detached;
            return new PromotionOutcome(null, [("code", $"The code {normalized} already exists. Codes are the same whatever their case.")]);
        }

        return new PromotionOutcome(row, []);
    }

    public async Task<string?> DeactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Set<PromotionCode>().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (row is null)
        {
            return "That code does not exist.";
        }

        if (row.DeactivatedAt is not null)
        {
            return null;
        }

        try
        {
            if (row.StripePromotionCodeId is { } stripeId)
            {
                await new PromotionCodeService(stripe.Current).UpdateAsync(stripeId, new PromotionCodeUpdateOptions { Active = false },
                    new RequestOptions { IdempotencyKey = "promotion-deactivate-" + row.Id }, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is StripeException or HttpRequestException)
        {
            logger.LogWarning("Stripe could not deactivate promotion code {Code}: {Message}", row.NormalizedCode, ex.Message);
            return "Stripe could not deactivate the code; it is still active. Try again in a minute.";
        }

        row.DeactivatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record("promotion.deactivated", row.NormalizedCode);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<IReadOnlyList<PromotionRow>> ListAsync(CancellationToken cancellationToken)
    {
        var codes = await db.Set<PromotionCode>().AsNoTracking().OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken);
        var counts = await RedemptionsAsync(cancellationToken);
        var rows = new List<PromotionRow>();
        foreach (var code in codes)
        {
            var titles = new List<string>();
            foreach (var productId in code.Products)
            {
                titles.Add((await catalog.FindAsync(productId, cancellationToken))?.Title ?? "(removed product)");
            }

            var redemptions = counts.GetValueOrDefault(code.NormalizedCode);
            var status = code.DeactivatedAt is not null ? "Deactivated"
                : code.ExpiresAt <= clock.GetUtcNow().UtcDateTime ? "Expired"
                : redemptions >= code.MaxRedemptions ? "Used up"
                : "Active";
            rows.Add(new PromotionRow(code, redemptions, titles, status));
        }

        return rows;
    }

    /// <summary>Paid orders per code: every order that was paid, whatever happened to it later, as Stripe's times_redeemed counts it.</summary>
    public async Task<Dictionary<string, long>> RedemptionsAsync(CancellationToken cancellationToken) =>
        await db.Set<Order>().AsNoTracking()
            .Where(o => o.PromotionCode != null && o.FulfilledAt != null)
            .GroupBy(o => o.PromotionCode!)
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    private async Task CreateAtStripeAsync(PromotionCode row, IReadOnlyList<ProductSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var stripeProducts = new List<string>();
        foreach (var product in snapshots)
        {
            stripeProducts.Add(await products.EnsureAsync(product, cancellationToken));
        }

        var metadata = new Dictionary<string, string> { ["promotion_id"] = row.Id.ToString() };
        var coupon = await new CouponService(stripe.Current).CreateAsync(new CouponCreateOptions
        {
            Name = row.NormalizedCode,
            PercentOff = row.Kind == DiscountKind.Percent ? row.Value : null,
            AmountOff = row.Kind == DiscountKind.Amount ? row.Value : null,
            Currency = row.Currency,
            Duration = "once",
            AppliesTo = stripeProducts.Count == 0 ? null : new CouponAppliesToOptions { Products = stripeProducts },
            Metadata = metadata,
        }, new RequestOptions { IdempotencyKey = "coupon-" + row.Id }, cancellationToken);
        var code = await new PromotionCodeService(stripe.Current).CreateAsync(new PromotionCodeCreateOptions
        {
            Promotion = new PromotionCodePromotionOptions { Type = "coupon", Coupon = coupon.Id },
            Code = row.NormalizedCode,
            ExpiresAt = row.ExpiresAt,
            MaxRedemptions = row.MaxRedemptions,
            // Not restrictions[first_time_transaction]: that refuses anyone who ever paid the shop, while "once per customer"
            // means once per code. The shop checks it against its paid orders before it names the code to Checkout.
            Metadata = metadata,
        }, new RequestOptions { IdempotencyKey = "promotion-code-" + row.Id }, cancellationToken);
        (row.StripeCouponId, row.StripePromotionCodeId) = (coupon.Id, code.Id);
    }
}
