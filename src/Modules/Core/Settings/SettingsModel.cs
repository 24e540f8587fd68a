using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Settings;

internal sealed class SettingsModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<SiteSetting>(entity =>
    {
        entity.ToTable("site_settings");
        entity.HasKey(s => s.Key);
        entity.Property(s => s.Key).HasMaxLength(100);
    });
}

internal sealed class CoreMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0001-core-site-settings",
            Sqlite: "CREATE TABLE site_settings (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)",
            Postgres: "CREATE TABLE site_settings (key VARCHAR(100) NOT NULL PRIMARY KEY, value TEXT NOT NULL)"),
    ];
}
