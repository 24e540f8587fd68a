using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Payments.Promotions;

internal sealed class PromotionsModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PromotionCode>(entity =>
        {
            entity.ToTable("promotion_codes");
            entity.HasKey(p => p.Id);
            entity.HasIndex(p => p.NormalizedCode).IsUnique();
            entity.Property(p => p.Code).HasMaxLength(40);
            entity.Property(p => p.NormalizedCode).HasMaxLength(40);
            entity.Property(p => p.Kind).HasConversion<string>().HasMaxLength(10);
            entity.Property(p => p.Currency).HasMaxLength(3);
            entity.Ignore(p => p.Products);
        });
        modelBuilder.Entity<StripeProduct>(entity =>
        {
            entity.ToTable("stripe_products");
            entity.HasKey(p => p.ProductId);
            // Named like a key by EF's conventions ("{Type}Id"), which would leave it optional; it is the Stripe id, always present.
            entity.Property(p => p.StripeProductId).IsRequired();
        });
    }
}

internal sealed class PromotionsMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        // The code an order was started with stays on the order, so redemptions are counted from paid orders.
        new("0250-payments-promotion-codes",
            Sqlite: """
                CREATE TABLE promotion_codes (
                    id TEXT NOT NULL PRIMARY KEY, code TEXT NOT NULL, normalized_code TEXT NOT NULL, kind TEXT NOT NULL, value INTEGER NOT NULL,
                    currency TEXT NULL, expires_at TEXT NULL, max_redemptions INTEGER NULL, product_ids TEXT NULL, once_per_customer INTEGER NOT NULL,
                    stripe_coupon_id TEXT NULL, stripe_promotion_code_id TEXT NULL, created_at TEXT NOT NULL, deactivated_at TEXT NULL);
                CREATE UNIQUE INDEX ix_promotion_codes_normalized_code ON promotion_codes (normalized_code);
                CREATE TABLE stripe_products (product_id TEXT NOT NULL PRIMARY KEY, stripe_product_id TEXT NOT NULL, created_at TEXT NOT NULL);
                ALTER TABLE orders ADD COLUMN promotion_code TEXT NULL;
                CREATE INDEX ix_orders_promotion_code ON orders (promotion_code);
                """,
            Postgres: """
                CREATE TABLE promotion_codes (
                    id UUID NOT NULL PRIMARY KEY, code VARCHAR(40) NOT NULL, normalized_code VARCHAR(40) NOT NULL, kind VARCHAR(10) NOT NULL,
                    value BIGINT NOT NULL, currency VARCHAR(3) NULL, expires_at TIMESTAMPTZ NULL, max_redemptions BIGINT NULL, product_ids TEXT NULL,
                    once_per_customer BOOLEAN NOT NULL, stripe_coupon_id TEXT NULL, stripe_promotion_code_id TEXT NULL,
                    created_at TIMESTAMPTZ NOT NULL, deactivated_at TIMESTAMPTZ NULL);
                CREATE UNIQUE INDEX ix_promotion_codes_normalized_code ON promotion_codes (normalized_code);
                CREATE TABLE stripe_products (product_id UUID NOT NULL PRIMARY KEY, stripe_product_id TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL);
                ALTER TABLE orders ADD COLUMN promotion_code VARCHAR(40) NULL;
                CREATE INDEX ix_orders_promotion_code ON orders (promotion_code);
                """),
    ];
}
