using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Downloads.Entitlements;

internal sealed class DownloadsModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Entitlement>(entity =>
        {
            entity.ToTable("entitlements");
            entity.HasKey(e => e.Id);
            entity.HasIndex(e => new { e.OrderId, e.ProductId }).IsUnique();
            entity.HasIndex(e => e.Fingerprint).IsUnique();
            // The leak tracer looks a copy's printed licence codes up; without it each trace read every entitlement.
            entity.HasIndex(e => e.LicenseCode);
            entity.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entity.Property(e => e.StreamsOpen).HasDefaultValue(0);
            entity.Property(e => e.InterruptedCopies).HasDefaultValue(0);
        });
        modelBuilder.Entity<DownloadAttempt>(entity =>
        {
            entity.ToTable("download_attempts");
            entity.HasKey(a => a.Id);
            entity.HasIndex(a => a.EntitlementId);
            entity.HasIndex(a => new { a.Outcome, a.At });
            entity.HasIndex(a => a.ResumeOf);
        });
    }
}

internal sealed class DownloadsMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0300-downloads-entitlements",
            Sqlite: """
                CREATE TABLE entitlements (
                    id TEXT NOT NULL PRIMARY KEY, order_id TEXT NOT NULL, order_number INTEGER NOT NULL, product_id TEXT NOT NULL,
                    product_title TEXT NOT NULL, buyer_email TEXT NOT NULL, buyer_name TEXT NULL, uses_allowed INTEGER NOT NULL,
                    uses_left INTEGER NOT NULL, expires_at TEXT NOT NULL, status TEXT NOT NULL, fingerprint TEXT NOT NULL,
                    license_code TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT NULL, revoked_reason TEXT NULL);
                CREATE UNIQUE INDEX ix_entitlements_order_product ON entitlements (order_id, product_id);
                CREATE UNIQUE INDEX ix_entitlements_fingerprint ON entitlements (fingerprint);
                CREATE TABLE download_attempts (
                    id TEXT NOT NULL PRIMARY KEY, entitlement_id TEXT NULL, at TEXT NOT NULL, outcome TEXT NOT NULL,
                    ip_address TEXT NULL, user_agent TEXT NULL);
                CREATE INDEX ix_download_attempts_entitlement ON download_attempts (entitlement_id);
                """,
            Postgres: """
                CREATE TABLE entitlements (
                    id UUID NOT NULL PRIMARY KEY, order_id UUID NOT NULL, order_number BIGINT NOT NULL, product_id UUID NOT NULL,
                    product_title TEXT NOT NULL, buyer_email TEXT NOT NULL, buyer_name TEXT NULL, uses_allowed INTEGER NOT NULL,
                    uses_left INTEGER NOT NULL, expires_at TIMESTAMPTZ NOT NULL, status VARCHAR(20) NOT NULL, fingerprint TEXT NOT NULL,
                    license_code TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL, revoked_at TIMESTAMPTZ NULL, revoked_reason TEXT NULL);
                CREATE UNIQUE INDEX ix_entitlements_order_product ON entitlements (order_id, product_id);
                CREATE UNIQUE INDEX ix_entitlements_fingerprint ON entitlements (fingerprint);
                CREATE TABLE download_attempts (
                    id UUID NOT NULL PRIMARY KEY, entitlement_id UUID NULL, at TIMESTAMPTZ NOT NULL, outcome TEXT NOT NULL,
                    ip_address TEXT NULL, user_agent TEXT NULL);
                CREATE INDEX ix_download_attempts_entitlement ON download_attempts (entitlement_id);
                """),
        new("0301-downloads-attempt-lifecycle",
            Sqlite: """
                ALTER TABLE entitlements ADD COLUMN streams_open INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE entitlements ADD COLUMN interrupted_copies INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE download_attempts ADD COLUMN finished_at TEXT NULL;
                ALTER TABLE download_attempts ADD COLUMN bytes_sent INTEGER NULL;
                CREATE INDEX ix_download_attempts_outcome_at ON download_attempts (outcome, at);
                """,
            Postgres: """
                ALTER TABLE entitlements ADD COLUMN streams_open INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE entitlements ADD COLUMN interrupted_copies INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE download_attempts ADD COLUMN finished_at TIMESTAMPTZ NULL;
                ALTER TABLE download_attempts ADD COLUMN bytes_sent BIGINT NULL;
                CREATE INDEX ix_download_attempts_outcome_at ON download_attempts (outcome, at);
                """),
        new("0302-downloads-dispute-suspension",
            Sqlite: "ALTER TABLE entitlements ADD COLUMN suspended_at TEXT NULL;",
            Postgres: "ALTER TABLE entitlements ADD COLUMN suspended_at TIMESTAMPTZ NULL;"),
        new("0303-downloads-granted-via",
            Sqlite: "ALTER TABLE entitlements ADD COLUMN via_product_id TEXT NULL;",
            Postgres: "ALTER TABLE entitlements ADD COLUMN via_product_id UUID NULL;"),
        new("0310-downloads-resumes",
            Sqlite: """
                ALTER TABLE download_attempts ADD COLUMN resume_of TEXT NULL;
                CREATE INDEX ix_download_attempts_resume_of ON download_attempts (resume_of);
                """,
            Postgres: """
                ALTER TABLE download_attempts ADD COLUMN resume_of UUID NULL;
                CREATE INDEX ix_download_attempts_resume_of ON download_attempts (resume_of);
                """),
        new("0311-downloads-licence-code-index",
            Sqlite: "CREATE INDEX ix_entitlements_license_code ON entitlements (license_code);",
            Postgres: "CREATE INDEX ix_entitlements_license_code ON entitlements (license_code);"),
    ];
}
