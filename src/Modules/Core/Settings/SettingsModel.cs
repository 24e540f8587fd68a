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
        entity.Property(s => s.Protected).HasDefaultValue(false);
    });
}

internal sealed class CoreMigrations : IDataMigration
{
    /// <summary>Rows move from the dotted names and prefixes of before to the configuration keys they stand for.</summary>
    private static readonly string RenameToConfigurationKeys = string.Join(";\n",
        StoredSettingKey.LegacyNames.Select(n => $"UPDATE site_settings SET key = '{n.Value}' WHERE key = '{n.Key}'")
            .Append($"UPDATE site_settings SET key = substr(key, {StoredSettingKey.LegacyConfigurationPrefix.Length + 1}) WHERE key LIKE 'config.%'"));

    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0001-core-site-settings",
            Sqlite: "CREATE TABLE site_settings (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL)",
            Postgres: "CREATE TABLE site_settings (key VARCHAR(100) NOT NULL PRIMARY KEY, value TEXT NOT NULL)"),
        new("0009-core-settings-configuration-keys",
            Sqlite: "ALTER TABLE site_settings ADD COLUMN protected INTEGER NOT NULL DEFAULT 0;\n"
                + $"UPDATE site_settings SET protected = 1, key = substr(key, {StoredSettingKey.LegacySecretPrefix.Length + 1}) WHERE key LIKE 'secret.%';\n"
                + RenameToConfigurationKeys,
            Postgres: "ALTER TABLE site_settings ADD COLUMN protected BOOLEAN NOT NULL DEFAULT FALSE;\n"
                + $"UPDATE site_settings SET protected = TRUE, key = substr(key, {StoredSettingKey.LegacySecretPrefix.Length + 1}) WHERE key LIKE 'secret.%';\n"
                + RenameToConfigurationKeys),
    ];
}
