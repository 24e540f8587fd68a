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
        services.AddScoped<KeyRingSeed>();
        services.AddOptions<KeyRingEncryptionOptions>().BindConfiguration(KeyRingEncryptionOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.KeyEncryptionKey) || KeyRingEncryptionOptions.TryParse(o.KeyEncryptionKey, out _),
                "DataProtection:KeyEncryptionKey (env DataProtection__KeyEncryptionKey) must be 32 random bytes in base64, e.g. from `openssl rand -base64 32`.")
            .ValidateOnStart();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
            {
                options.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<TimeProvider>());
                // Without a key encryption key (development, tests) the ring is stored as it is and Data
                // Protection says so in a warning at start; Production refuses to start without one.
                if (KeyRingEncryptionOptions.TryParse(provider.GetRequiredService<IOptions<KeyRingEncryptionOptions>>().Value.KeyEncryptionKey, out var key))
                {
                    options.XmlEncryptor = new AesGcmXmlEncryptor(key);
                }
            }));
        return services;
    }
}
