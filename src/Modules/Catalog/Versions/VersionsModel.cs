using Microsoft.EntityFrameworkCore;
using Storefront.Catalog.Models;
using Storefront.Core.Data;

namespace Storefront.Catalog.Versions;

internal sealed class VersionsModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Product>().Property(p => p.LiveVersion).HasDefaultValue(0);
        modelBuilder.Entity<ProductVersion>(entity =>
        {
            entity.ToTable("product_versions");
            entity.HasKey(v => v.Id);
            entity.HasIndex(v => new { v.ProductId, v.Number }).IsUnique();
            entity.Property(v => v.Author).HasMaxLength(256);
        });
        modelBuilder.Entity<PageVersion>(entity =>
        {
            entity.ToTable("page_versions");
            entity.HasKey(v => v.Id);
            entity.HasIndex(v => new { v.PageId, v.Number }).IsUnique();
            entity.Property(v => v.Author).HasMaxLength(256);
        });
        modelBuilder.Entity<ProductSchedule>(entity =>
        {
            entity.ToTable("product_schedules");
            entity.HasKey(s => s.ProductId);
            entity.HasIndex(s => s.PublishAt);
            entity.HasIndex(s => s.UnpublishAt);
        });
    }
}

internal sealed class VersionsMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0170-catalog-product-versions",
            Sqlite: """
                ALTER TABLE products ADD COLUMN live_version INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE product_versions (id TEXT NOT NULL PRIMARY KEY, product_id TEXT NOT NULL, number INTEGER NOT NULL,
                    is_draft INTEGER NOT NULL, content TEXT NOT NULL, changes TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE UNIQUE INDEX ix_product_versions_product_id_number ON product_versions (product_id, number);
                CREATE TABLE product_schedules (product_id TEXT NOT NULL PRIMARY KEY, publish_at TEXT NULL, unpublish_at TEXT NULL);
                CREATE INDEX ix_product_schedules_publish_at ON product_schedules (publish_at);
                CREATE INDEX ix_product_schedules_unpublish_at ON product_schedules (unpublish_at);
                """,
            Postgres: """
                ALTER TABLE products ADD COLUMN live_version INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE product_versions (id UUID NOT NULL PRIMARY KEY, product_id UUID NOT NULL, number INTEGER NOT NULL,
                    is_draft BOOLEAN NOT NULL, content TEXT NOT NULL, changes TEXT NOT NULL, author VARCHAR(256) NOT NULL, created_at TIMESTAMPTZ NOT NULL);
                CREATE UNIQUE INDEX ix_product_versions_product_id_number ON product_versions (product_id, number);
                CREATE TABLE product_schedules (product_id UUID NOT NULL PRIMARY KEY, publish_at TIMESTAMPTZ NULL, unpublish_at TIMESTAMPTZ NULL);
                CREATE INDEX ix_product_schedules_publish_at ON product_schedules (publish_at);
                CREATE INDEX ix_product_schedules_unpublish_at ON product_schedules (unpublish_at);
                """),
        new("0175-catalog-page-versions",
            Sqlite: """
                CREATE TABLE page_versions (id TEXT NOT NULL PRIMARY KEY, page_id TEXT NOT NULL, number INTEGER NOT NULL,
                    content TEXT NOT NULL, changes TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL);
                CREATE UNIQUE INDEX ix_page_versions_page_id_number ON page_versions (page_id, number);
                """,
            Postgres: """
                CREATE TABLE page_versions (id UUID NOT NULL PRIMARY KEY, page_id UUID NOT NULL, number INTEGER NOT NULL,
                    content TEXT NOT NULL, changes TEXT NOT NULL, author VARCHAR(256) NOT NULL, created_at TIMESTAMPTZ NOT NULL);
                CREATE UNIQUE INDEX ix_page_versions_page_id_number ON page_versions (page_id, number);
                """),
    ];
}
