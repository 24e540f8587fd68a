using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Catalog.Models;

internal sealed class CatalogModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>(entity =>
        {
            entity.ToTable("products");
            entity.HasKey(p => p.Id);
            entity.HasIndex(p => p.Slug).IsUnique();
            entity.Property(p => p.Slug).HasMaxLength(Slugs.MaxLength);
            entity.Property(p => p.Title).HasMaxLength(200);
            entity.Property(p => p.Currency).HasMaxLength(3);
            entity.Ignore(p => p.IsOnSale);
            entity.Ignore(p => p.IsSoldOut);
            entity.Property(p => p.PayWhatYouWant).HasDefaultValue(false);
            entity.Property(p => p.MinimumPriceMinor).HasDefaultValue(0L);
            entity.Property(p => p.SuggestedPriceMinor).HasDefaultValue(0L);
            SeoLimits.Configure(entity);
        });
        modelBuilder.Entity<BundleItem>(entity =>
        {
            entity.ToTable("bundle_items");
            entity.HasKey(b => new { b.BundleId, b.ItemId });
            entity.HasIndex(b => b.ItemId);
        });
        modelBuilder.Entity<StockReservation>(entity =>
        {
            entity.ToTable("stock_reservations");
            entity.HasKey(r => r.Id);
            // One unit per order and product, however often checkout retries the reservation.
            entity.HasIndex(r => new { r.OrderId, r.ProductId }).IsUnique();
            entity.Property(r => r.State).HasMaxLength(10);
        });
        modelBuilder.Entity<ContentPage>(entity =>
        {
            entity.ToTable("pages");
            entity.HasKey(p => p.Id);
            entity.HasIndex(p => p.Slug).IsUnique();
            entity.Property(p => p.Slug).HasMaxLength(Slugs.MaxLength);
            entity.Property(p => p.Title).HasMaxLength(200);
            SeoLimits.Configure(entity);
        });
        modelBuilder.Entity<SlugRedirect>(entity =>
        {
            entity.ToTable("slug_redirects");
            entity.HasKey(r => new { r.Kind, r.OldSlug });
            entity.HasIndex(r => r.ItemId);
            entity.Property(r => r.Kind).HasMaxLength(10);
            entity.Property(r => r.OldSlug).HasMaxLength(Slugs.MaxLength);
        });
    }
}

internal sealed class CatalogMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0100-catalog-products",
            Sqlite: """
                CREATE TABLE products (
                    id TEXT NOT NULL PRIMARY KEY,
                    slug TEXT NOT NULL,
                    title TEXT NOT NULL,
                    description TEXT NOT NULL,
                    price_minor INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    cover_key TEXT NULL,
                    master_key TEXT NULL,
                    master_file_name TEXT NULL,
                    download_uses INTEGER NULL,
                    download_expiry_hours INTEGER NULL,
                    published INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL);
                CREATE UNIQUE INDEX ix_products_slug ON products (slug);
                """,
            Postgres: """
                CREATE TABLE products (
                    id UUID NOT NULL PRIMARY KEY,
                    slug VARCHAR(100) NOT NULL,
                    title VARCHAR(200) NOT NULL,
                    description TEXT NOT NULL,
                    price_minor BIGINT NOT NULL,
                    currency VARCHAR(3) NOT NULL,
                    cover_key TEXT NULL,
                    master_key TEXT NULL,
                    master_file_name TEXT NULL,
                    download_uses INTEGER NULL,
                    download_expiry_hours INTEGER NULL,
                    published BOOLEAN NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL);
                CREATE UNIQUE INDEX ix_products_slug ON products (slug);
                """),
            new("0110-catalog-products-archived",
            Sqlite: "ALTER TABLE products ADD COLUMN archived_at TEXT NULL;",
            Postgres: "ALTER TABLE products ADD COLUMN archived_at TIMESTAMPTZ NULL;"),
        new("0111-catalog-pages",
            Sqlite: """
                CREATE TABLE pages (id TEXT NOT NULL PRIMARY KEY, slug TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
                    published INTEGER NOT NULL, navigation_order INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
                CREATE UNIQUE INDEX ix_pages_slug ON pages (slug);
                """,
            Postgres: """
                CREATE TABLE pages (id UUID NOT NULL PRIMARY KEY, slug VARCHAR(100) NOT NULL, title VARCHAR(200) NOT NULL, body TEXT NOT NULL,
                    published BOOLEAN NOT NULL, navigation_order INTEGER NOT NULL, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
                CREATE UNIQUE INDEX ix_pages_slug ON pages (slug);
                """),
        new("0130-catalog-bundles-pwyw-stock",
            Sqlite: """
                ALTER TABLE products ADD COLUMN pay_what_you_want INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE products ADD COLUMN minimum_price_minor INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE products ADD COLUMN suggested_price_minor INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE products ADD COLUMN stock_left INTEGER NULL;
                CREATE TABLE bundle_items (bundle_id TEXT NOT NULL, item_id TEXT NOT NULL, position INTEGER NOT NULL,
                    PRIMARY KEY (bundle_id, item_id));
                CREATE INDEX ix_bundle_items_item_id ON bundle_items (item_id);
                CREATE TABLE stock_reservations (id TEXT NOT NULL PRIMARY KEY, order_id TEXT NOT NULL, product_id TEXT NOT NULL,
                    state TEXT NOT NULL, created_at TEXT NOT NULL, settled_at TEXT NULL);
                CREATE UNIQUE INDEX ix_stock_reservations_order_id_product_id ON stock_reservations (order_id, product_id);
                """,
            Postgres: """
                ALTER TABLE products ADD COLUMN pay_what_you_want BOOLEAN NOT NULL DEFAULT FALSE;
                ALTER TABLE products ADD COLUMN minimum_price_minor BIGINT NOT NULL DEFAULT 0;
                ALTER TABLE products ADD COLUMN suggested_price_minor BIGINT NOT NULL DEFAULT 0;
                ALTER TABLE products ADD COLUMN stock_left INTEGER NULL;
                CREATE TABLE bundle_items (bundle_id UUID NOT NULL, item_id UUID NOT NULL, position INTEGER NOT NULL,
                    PRIMARY KEY (bundle_id, item_id));
                CREATE INDEX ix_bundle_items_item_id ON bundle_items (item_id);
                CREATE TABLE stock_reservations (id UUID NOT NULL PRIMARY KEY, order_id UUID NOT NULL, product_id UUID NOT NULL,
                    state VARCHAR(10) NOT NULL, created_at TIMESTAMPTZ NOT NULL, settled_at TIMESTAMPTZ NULL);
                CREATE UNIQUE INDEX ix_stock_reservations_order_id_product_id ON stock_reservations (order_id, product_id);
                """),
        .. FindabilityMigrations.Steps,
    ];
}
