using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Storefront.Core.Data;

namespace Storefront.Core.Security;

internal sealed class SecurityModel : IEntityModelContributor
{
    public void Contribute(ModelBuilder modelBuilder) => modelBuilder.Entity<DataProtectionKey>(entity =>
    {
        entity.ToTable("data_protection_keys");
        entity.HasKey(k => k.Id);
    });
}

internal sealed class SecurityMigrations : IDataMigration
{
    public IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new("0002-core-data-protection-keys",
            Sqlite: "CREATE TABLE data_protection_keys (id TEXT NOT NULL PRIMARY KEY, friendly_name TEXT NULL, xml TEXT NOT NULL, created_at TEXT NOT NULL)",
            Postgres: "CREATE TABLE data_protection_keys (id UUID NOT NULL PRIMARY KEY, friendly_name TEXT NULL, xml TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL)"),
    ];
}

public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddDatabaseDataProtection(this IServiceCollection services)
    {
        services.AddSingleton<IEntityModelContributor, SecurityModel>();
        services.AddSingleton<IDataMigration, SecurityMigrations>();
        services.AddDataProtection().SetApplicationName("Storefront");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }
}
