using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Outbox;

internal sealed class OutboxModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<OutboxMessage>(entity =>
    {
        entity.ToTable("outbox_messages");
        entity.HasKey(m => m.Id);
        entity.HasIndex(m => new { m.Type, m.DeduplicationKey }).IsUnique();
        entity.HasIndex(m => new { m.ProcessedAt, m.AvailableAt });
        entity.Property(m => m.Type).HasMaxLength(100);
        entity.Property(m => m.DeduplicationKey).HasMaxLength(200);
    });
}

internal sealed class OutboxMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0003-core-outbox",
            Sqlite: """
                CREATE TABLE outbox_messages (
                    id TEXT NOT NULL PRIMARY KEY, type TEXT NOT NULL, deduplication_key TEXT NOT NULL, payload TEXT NOT NULL,
                    created_at TEXT NOT NULL, available_at TEXT NOT NULL, locked_until TEXT NULL, attempts INTEGER NOT NULL,
                    last_error TEXT NULL, processed_at TEXT NULL);
                CREATE UNIQUE INDEX ix_outbox_messages_type_key ON outbox_messages (type, deduplication_key);
                CREATE INDEX ix_outbox_messages_pending ON outbox_messages (processed_at, available_at);
                """,
            Postgres: """
                CREATE TABLE outbox_messages (
                    id UUID NOT NULL PRIMARY KEY, type VARCHAR(100) NOT NULL, deduplication_key VARCHAR(200) NOT NULL, payload TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL, available_at TIMESTAMPTZ NOT NULL, locked_until TIMESTAMPTZ NULL, attempts INTEGER NOT NULL,
                    last_error TEXT NULL, processed_at TIMESTAMPTZ NULL);
                CREATE UNIQUE INDEX ix_outbox_messages_type_key ON outbox_messages (type, deduplication_key);
                CREATE INDEX ix_outbox_messages_pending ON outbox_messages (processed_at, available_at);
                """),
        new("0008-core-outbox-failed-at",
            Sqlite: "ALTER TABLE outbox_messages ADD COLUMN failed_at TEXT NULL;",
            Postgres: "ALTER TABLE outbox_messages ADD COLUMN failed_at TIMESTAMPTZ NULL;"),
    ];
}
