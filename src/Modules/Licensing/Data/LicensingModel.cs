using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Licensing.Data;

internal sealed class LicensingModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LicensedProduct>(entity =>
        {
            entity.ToTable("licensed_products");
            entity.HasKey(p => p.ProductId);
        });
        modelBuilder.Entity<LicenseKey>(entity =>
        {
            entity.ToTable("license_keys");
            entity.HasKey(k => k.Id);
            entity.Ignore(k => k.State);
            entity.HasIndex(k => k.Key).IsUnique();
            entity.HasIndex(k => k.LineId).IsUnique();
            entity.HasIndex(k => k.OrderId);
            entity.HasIndex(k => k.ProductId);
        });
        modelBuilder.Entity<LicenseActivation>(entity =>
        {
            entity.ToTable("license_activations");
            entity.HasKey(a => a.Id);
            entity.HasIndex(a => new { a.LicenseKeyId, a.Instance }).IsUnique();
        });
    }
}

internal sealed class LicensingMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0700-licensing-keys",
            Sqlite: """
                CREATE TABLE licensed_products (
                    product_id TEXT NOT NULL PRIMARY KEY, issues_keys INTEGER NOT NULL, activation_limit INTEGER NOT NULL, updated_at TEXT NOT NULL);
                CREATE TABLE license_keys (
                    id TEXT NOT NULL PRIMARY KEY, key TEXT NOT NULL, line_id TEXT NOT NULL, order_id TEXT NOT NULL, order_number INTEGER NOT NULL,
                    product_id TEXT NOT NULL, product_title TEXT NOT NULL, buyer_email TEXT NOT NULL, issued_at TEXT NOT NULL,
                    activations INTEGER NOT NULL, suspended_at TEXT NULL, revoked_at TEXT NULL, revoked_reason TEXT NULL);
                CREATE UNIQUE INDEX ix_license_keys_key ON license_keys (key);
                CREATE UNIQUE INDEX ix_license_keys_line_id ON license_keys (line_id);
                CREATE INDEX ix_license_keys_order_id ON license_keys (order_id);
                CREATE INDEX ix_license_keys_product_id ON license_keys (product_id);
                CREATE TABLE license_activations (
                    id TEXT NOT NULL PRIMARY KEY, license_key_id TEXT NOT NULL, instance TEXT NOT NULL, activated_at TEXT NOT NULL);
                CREATE UNIQUE INDEX ix_license_activations_license_key_id_instance ON license_activations (license_key_id, instance);
                """,
            Postgres: """
                CREATE TABLE licensed_products (
                    product_id UUID NOT NULL PRIMARY KEY, issues_keys BOOLEAN NOT NULL, activation_limit INTEGER NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
                CREATE TABLE license_keys (
                    id UUID NOT NULL PRIMARY KEY, key TEXT NOT NULL, line_id UUID NOT NULL, order_id UUID NOT NULL, order_number BIGINT NOT NULL,
                    product_id UUID NOT NULL, product_title TEXT NOT NULL, buyer_email TEXT NOT NULL, issued_at TIMESTAMPTZ NOT NULL,
                    activations INTEGER NOT NULL, suspended_at TIMESTAMPTZ NULL, revoked_at TIMESTAMPTZ NULL, revoked_reason TEXT NULL);
                CREATE UNIQUE INDEX ix_license_keys_key ON license_keys (key);
                CREATE UNIQUE INDEX ix_license_keys_line_id ON license_keys (line_id);
                CREATE INDEX ix_license_keys_order_id ON license_keys (order_id);
                CREATE INDEX ix_license_keys_product_id ON license_keys (product_id);
                CREATE TABLE license_activations (
                    id UUID NOT NULL PRIMARY KEY, license_key_id UUID NOT NULL, instance TEXT NOT NULL, activated_at TIMESTAMPTZ NOT NULL);
                CREATE UNIQUE INDEX ix_license_activations_license_key_id_instance ON license_activations (license_key_id, instance);
                """),
    ];
}
