using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Templates.Data;

internal sealed class TemplatesModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<TemplateVersion>(entity =>
    {
        entity.ToTable("template_versions");
        entity.HasKey(v => v.Id);
        entity.Property(v => v.Name).HasMaxLength(100);
        // Two editors saving at once both ask for the next number: one of them is refused instead of both landing.
        entity.HasIndex(v => new { v.Name, v.Version }).IsUnique();
    });
}

internal sealed class TemplatesMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0800-templates-versions",
            Sqlite: """
                CREATE TABLE template_versions (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NULL,
                    note TEXT NOT NULL, saved_by TEXT NOT NULL, saved_at TEXT NOT NULL);
                CREATE UNIQUE INDEX ix_template_versions_name_version ON template_versions (name, version);
                """,
            Postgres: """
                CREATE TABLE template_versions (id UUID NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, version INTEGER NOT NULL, body TEXT NULL,
                    note TEXT NOT NULL, saved_by TEXT NOT NULL, saved_at TIMESTAMPTZ NOT NULL);
                CREATE UNIQUE INDEX ix_template_versions_name_version ON template_versions (name, version);
                """),
    ];
}
