using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.External;

/// <summary>A product's external shop address and the clicks that went there.</summary>
internal sealed class ExternalProductsModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>().Property(p => p.ExternalUrl).HasMaxLength(ExternalUrl.MaxLength);
        modelBuilder.Entity<ProductClick>(entity =>
        {
            entity.ToTable("product_clicks");
            entity.HasKey(c => c.Id);
            entity.HasIndex(c => new { c.ProductId, c.At });
            entity.Property(c => c.Referrer).HasMaxLength(ProductClick.MaxReferrerLength);
            entity.Property(c => c.UserAgent).HasMaxLength(ProductClick.MaxUserAgentLength);
            // A deleted product (one never sold) takes its click history with it; an archived one keeps it.
            entity.HasOne<Product>().WithMany().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

internal sealed class ExternalProductsMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0120-catalog-products-external-url",
            Sqlite: "ALTER TABLE products ADD COLUMN external_url TEXT NULL;",
            Postgres: "ALTER TABLE products ADD COLUMN external_url VARCHAR(2000) NULL;"),
        new("0121-catalog-product-clicks",
            Sqlite: """
                CREATE TABLE product_clicks (id TEXT NOT NULL PRIMARY KEY, product_id TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
                    at TEXT NOT NULL, referrer TEXT NULL, user_agent TEXT NULL, is_bot INTEGER NOT NULL);
                CREATE INDEX ix_product_clicks_product_id_at ON product_clicks (product_id, at);
                """,
            Postgres: """
                CREATE TABLE product_clicks (id UUID NOT NULL PRIMARY KEY, product_id UUID NOT NULL REFERENCES products (id) ON DELETE CASCADE,
                    at TIMESTAMPTZ NOT NULL, referrer VARCHAR(500) NULL, user_agent VARCHAR(300) NULL, is_bot BOOLEAN NOT NULL);
                CREATE INDEX ix_product_clicks_product_id_at ON product_clicks (product_id, at);
                """),
    ];
}
