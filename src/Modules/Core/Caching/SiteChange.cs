using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Caching;

/// <summary>One row per tag; its version grows with every announced change, which is all another instance needs to compare.</summary>
public sealed class SiteChange
{
    public string Tag { get; set; } = "";

    public long Version { get; set; }
}

internal sealed class SiteChangesModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<SiteChange>(entity =>
    {
        entity.ToTable("site_changes");
        entity.HasKey(c => c.Tag);
        entity.Property(c => c.Tag).HasMaxLength(100);
    });
}

internal sealed class SiteChangesMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0010-core-site-changes",
            Sqlite: "CREATE TABLE site_changes (tag TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL)",
            Postgres: "CREATE TABLE site_changes (tag VARCHAR(100) NOT NULL PRIMARY KEY, version BIGINT NOT NULL)"),
    ];
}
