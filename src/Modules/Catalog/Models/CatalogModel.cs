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
        });
        modelBuilder.Entity<ContentPage>(entity =>
        {
            entity.ToTable("pages");
            entity.HasKey(p => p.Id);
            entity.HasIndex(p => p.Slug).IsUnique();
            entity.Property(p => p.Slug).HasMaxLength(Slugs.MaxLength);
            entity.Property(p => p.Title).HasMaxLength(200);
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
    ];
}
