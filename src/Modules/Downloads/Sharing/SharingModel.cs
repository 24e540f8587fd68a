using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Downloads.Sharing;

internal sealed class SharingModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<SharingFlag>(entity =>
    {
        entity.ToTable("sharing_flags");
        entity.HasKey(f => f.EntitlementId);
        entity.HasIndex(f => f.FlaggedAt);
        entity.Property(f => f.Status).HasConversion<string>().HasMaxLength(20);
    });
}

internal sealed class SharingMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        // A separate column from the dispute's suspended_at: a won dispute must not lift a sharing suspension, nor a cleared flag a dispute's.
        new("0320-downloads-sharing-flags",
            Sqlite: """
                CREATE TABLE sharing_flags (
                    entitlement_id TEXT NOT NULL PRIMARY KEY, order_id TEXT NOT NULL, order_number INTEGER NOT NULL, status TEXT NOT NULL,
                    round INTEGER NOT NULL, flagged_at TEXT NOT NULL, networks INTEGER NOT NULL, evidence TEXT NOT NULL,
                    suspended_at TEXT NULL, cleared_at TEXT NULL, acknowledged TEXT NULL, last_copy_at TEXT NULL);
                CREATE INDEX ix_sharing_flags_flagged_at ON sharing_flags (flagged_at);
                ALTER TABLE entitlements ADD COLUMN sharing_suspended_at TEXT NULL;
                """,
            Postgres: """
                CREATE TABLE sharing_flags (
                    entitlement_id UUID NOT NULL PRIMARY KEY, order_id UUID NOT NULL, order_number BIGINT NOT NULL, status VARCHAR(20) NOT NULL,
                    round INTEGER NOT NULL, flagged_at TIMESTAMPTZ NOT NULL, networks INTEGER NOT NULL, evidence TEXT NOT NULL,
                    suspended_at TIMESTAMPTZ NULL, cleared_at TIMESTAMPTZ NULL, acknowledged TEXT NULL, last_copy_at TIMESTAMPTZ NULL);
                CREATE INDEX ix_sharing_flags_flagged_at ON sharing_flags (flagged_at);
                ALTER TABLE entitlements ADD COLUMN sharing_suspended_at TIMESTAMPTZ NULL;
                """),
    ];
}
