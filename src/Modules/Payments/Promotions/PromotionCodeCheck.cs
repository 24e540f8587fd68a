using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Payments.Orders;

namespace Storefront.Payments.Promotions;

/// <summary>What checkout does with a typed code: the Stripe promotion code to name in <c>discounts</c>, or why not.</summary>
/// <param name="NeedsEmail">The code is once per customer and no email was given: asking for it is the way on, not a refusal.</param>
public sealed record CodeVerdict(string Code, string? StripePromotionCodeId, string? Problem, bool NeedsEmail = false)
{
    public bool Applies => StripePromotionCodeId is not null;
}

/// <summary>
/// Checks a code the buyer typed (cart field or <c>?code=</c> link) before a Checkout Session is created, so the buyer reads a
/// plain reason here rather than a refusal from Stripe: it exists and is active, has not expired, has redemptions left (paid
/// orders with it), applies to at least one product in the cart, is in the cart's currency, and, when once per customer,
/// the email has no paid order with it yet.
/// </summary>
public sealed class PromotionCodeCheck(StorefrontDbContext db, TimeProvider clock)
{
    public async Task<CodeVerdict> CheckAsync(string? typed, IReadOnlyCollection<Guid> productIds, string currency, string? email,
        CancellationToken cancellationToken)
    {
        var normalized = PromotionCode.Normalize(typed ?? "");
        if (PromotionDraft.CodeProblem(normalized) is not null)
        {
            return new CodeVerdict(normalized, null, "That is not a valid code: codes have letters, digits and dashes.");
        }

        var code = await db.Set<PromotionCode>().AsNoTracking().FirstOrDefaultAsync(p => p.NormalizedCode == normalized, cancellationToken);
        if (code is null || code.DeactivatedAt is not null || code.StripePromotionCodeId is null)
        {
            return new CodeVerdict(normalized, null, $"The code {normalized} is not valid.");
        }

        if (code.ExpiresAt is { } expires && expires <= clock.GetUtcNow().UtcDateTime)
        {
            return new CodeVerdict(normalized, null, $"The code {normalized} expired on {expires:yyyy-MM-dd}.");
        }

        var paid = db.Set<Order>().AsNoTracking().Where(o => o.PromotionCode == normalized && o.FulfilledAt != null);
        if (code.MaxRedemptions is { } max && await paid.LongCountAsync(cancellationToken) >= max)
        {
            return new CodeVerdict(normalized, null, $"The code {normalized} has been used up.");
        }

        if (code.Products.Count > 0 && !code.Products.Any(productIds.Contains))
        {
            return new CodeVerdict(normalized, null, $"The code {normalized} does not apply to this product.");
        }

        if (code.Currency is { } own && !string.Equals(own, currency, StringComparison.OrdinalIgnoreCase))
        {
            return new CodeVerdict(normalized, null, $"The code {normalized} is for prices in {own.ToUpperInvariant()}.");
        }

        if (code.OncePerCustomer)
        {
            if (string.IsNullOrWhiteSpace(email))
            {
                return new CodeVerdict(normalized, null, $"The code {normalized} is once per customer: enter your email address to use it.", NeedsEmail: true);
            }

            var lowered = email.Trim().ToLowerInvariant();
            if (await paid.AnyAsync(o => o.BuyerEmail != null && o.BuyerEmail.ToLower() == lowered, cancellationToken))
            {
                return new CodeVerdict(normalized, null, $"The code {normalized} can be used once per customer, and {email.Trim()} has used it.");
            }
        }

        return new CodeVerdict(normalized, code.StripePromotionCodeId, null);
    }
}
