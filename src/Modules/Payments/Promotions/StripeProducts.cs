using Microsoft.EntityFrameworkCore;
using Storefront.Core.Content;
using Storefront.Core.Data;
using Storefront.Payments.Stripe;
using Stripe;

namespace Storefront.Payments.Promotions;

/// <summary>
/// Our products' Stripe Product ids, which coupons limited to products and Checkout lines (<c>price_data[product]</c>) name.
/// Made lazily with the idempotency key <c>product-{id}</c>: two concurrent first uses get the same Stripe product.
/// </summary>
public sealed class StripeProducts(StorefrontDbContext db, StripeClients stripe, TimeProvider clock)
{
    public async Task<string> EnsureAsync(ProductSnapshot product, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(product.Id, cancellationToken) is { } known)
        {
            return known;
        }

        var created = await new ProductService(stripe.Current).CreateAsync(new ProductCreateOptions
        {
            Name = product.Title,
            Metadata = new Dictionary<string, string> { ["product_id"] = product.Id.ToString(), ["slug"] = product.Slug },
        }, new RequestOptions { IdempotencyKey = "product-" + product.Id }, cancellationToken);

        // The same key answers the same Stripe product, so a row a concurrent call stored first names it too.
        db.Add(new StripeProduct { ProductId = product.Id, StripeProductId = created.Id, CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Entries<StripeProduct>().Where(e => e.Entity.ProductId == product.Id).ToList().ForEach(e => e.State = EntityState.Detached);
        }

        return created.Id;
    }

    public async Task<string?> FindAsync(Guid productId, CancellationToken cancellationToken) =>
        await db.Set<StripeProduct>().AsNoTracking().Where(p => p.ProductId == productId).Select(p => p.StripeProductId).FirstOrDefaultAsync(cancellationToken);
}
