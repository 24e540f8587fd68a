using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Catalog.Fields;

internal sealed class ContentFieldsModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ContentField>(entity =>
        {
            entity.ToTable("content_fields");
            entity.HasKey(f => f.Id);
            // Removed fields keep their key: their values still answer to it.
            entity.HasIndex(f => new { f.Kind, f.Key }).IsUnique();
            entity.Property(f => f.Kind).HasMaxLength(10);
            entity.Property(f => f.Key).HasMaxLength(ContentFieldRules.MaxKeyLength);
            entity.Property(f => f.Label).HasMaxLength(ContentFieldRules.MaxLabelLength);
            entity.Property(f => f.Hint).HasMaxLength(ContentFieldRules.MaxHintLength);
            entity.Property(f => f.Type).HasMaxLength(10);
            entity.Property(f => f.SchemaProperty).HasMaxLength(40);
            entity.Property(f => f.Placement).HasMaxLength(10);
            entity.Ignore(f => f.ChoiceList);
        });
        modelBuilder.Entity<ContentFieldValue>(entity =>
        {
            entity.ToTable("content_field_values");
            entity.HasKey(v => new { v.ItemId, v.FieldKey });
            entity.HasIndex(v => v.FieldKey);
            entity.Property(v => v.FieldKey).HasMaxLength(ContentFieldRules.MaxKeyLength);
        });
    }
}

internal sealed class ContentFieldsMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0150-catalog-content-fields",
            Sqlite: """
                CREATE TABLE content_fields (id TEXT NOT NULL PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL, hint TEXT NULL,
                    type TEXT NOT NULL, required INTEGER NOT NULL, position INTEGER NOT NULL, choices TEXT NULL, schema_property TEXT NULL,
                    placement TEXT NOT NULL, created_at TEXT NOT NULL, removed_at TEXT NULL);
                CREATE UNIQUE INDEX ix_content_fields_kind_key ON content_fields (kind, key);
                CREATE TABLE content_field_values (item_id TEXT NOT NULL, field_key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (item_id, field_key));
                CREATE INDEX ix_content_field_values_field_key ON content_field_values (field_key);
                """,
            Postgres: """
                CREATE TABLE content_fields (id UUID NOT NULL PRIMARY KEY, kind VARCHAR(10) NOT NULL, key VARCHAR(40) NOT NULL, label VARCHAR(100) NOT NULL,
                    hint VARCHAR(300) NULL, type VARCHAR(10) NOT NULL, required BOOLEAN NOT NULL, position INTEGER NOT NULL, choices TEXT NULL,
                    schema_property VARCHAR(40) NULL, placement VARCHAR(10) NOT NULL, created_at TIMESTAMPTZ NOT NULL, removed_at TIMESTAMPTZ NULL);
                CREATE UNIQUE INDEX ix_content_fields_kind_key ON content_fields (kind, key);
                CREATE TABLE content_field_values (item_id UUID NOT NULL, field_key VARCHAR(40) NOT NULL, value TEXT NOT NULL, PRIMARY KEY (item_id, field_key));
                CREATE INDEX ix_content_field_values_field_key ON content_field_values (field_key);
                """),
    ];
}
