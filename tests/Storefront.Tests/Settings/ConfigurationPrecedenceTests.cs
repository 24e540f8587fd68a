using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Settings;
using Storefront.Host.Hosting;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Settings;

/// <summary>
/// The host's own configuration chain over a real appsettings.json and a real settings table:
/// appsettings &lt; stored from the admin &lt; what the operator sets at start (environment, command line).
/// </summary>
public sealed class ConfigurationPrecedenceTests
{
    private const string Appsettings = """
        { "Site": { "Name": "From appsettings" }, "Stripe": { "SecretKey": "sk_from_appsettings" },
          "Downloads": { "DefaultUses": 4, "DefaultExpiryHours": 12 }, "Email": { "From": "appsettings@example.com" } }
        """;

    [Fact]
    public async Task AStoredValueBeatsAppsettingsAndTheOperatorsValueBeatsBothForPlainKeysSecretsAndDownloadDefaults()
    {
        using var folder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(Db.Sqlite, folder);
        await using var app = await StorefrontApp.StartAsync(Db.Sqlite, shared);
        var secrets = app.Services.GetRequiredService<SecretSettings>();
        await app.WithDbAsync(d =>
        {
            d.AddRange(
                new SiteSetting { Key = SettingKeys.SiteName, Value = "Stored in the admin" },
                new SiteSetting { Key = "Stripe:SecretKey", Value = secrets.Protect("sk_stored_in_the_admin"), Protected = true },
                new SiteSetting { Key = SettingKeys.DefaultDownloadUses, Value = "7" },
                // A restored backup from before configuration keys: still read, and a value under today's key wins over it.
                new SiteSetting { Key = "downloads.defaultExpiryHours", Value = "48" },
                new SiteSetting { Key = "site.name", Value = "Stored under the old key" });
            return d.SaveChangesAsync();
        });
        using var root = new TempFolder();
        await File.WriteAllTextAsync(root.File("appsettings.json"), Appsettings);
        IConfiguration Chain(params string[] operatorValues)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                ContentRootPath = root.Path,
                Args = [$"--ConnectionStrings:Storefront={shared["ConnectionStrings:Storefront"]}", .. operatorValues],
            });
            builder.AddStoredSettings();
            var stored = ((IConfigurationRoot)builder.Configuration).Providers.OfType<StoredSettingsProvider>().Single();
            stored.UseProtector(secrets.Unprotect);
            stored.Refresh();
            return builder.Configuration;
        }

        var storedWins = Chain();
        var operatorWins = Chain("--Site:Name=From the environment", "--Stripe:SecretKey=sk_from_the_environment", "--Downloads:DefaultUses=2");
        var emptyOperatorValue = Chain("--Site:Name=", "--Downloads:DefaultUses= ");

        Assert.Equal(("Stored in the admin", "sk_stored_in_the_admin", "7", "48"), Values(storedWins));
        Assert.Equal("appsettings@example.com", storedWins["Email:From"]);
        Assert.Equal(("From the environment", "sk_from_the_environment", "2", "48"), Values(operatorWins));
        // An empty variable counts as not set: the stored value shows through.
        Assert.Equal(("Stored in the admin", "sk_stored_in_the_admin", "7", "48"), Values(emptyOperatorValue));
        app.Logs.AssertNoErrors();

        static (string?, string?, string?, string?) Values(IConfiguration c) =>
            (c[SettingKeys.SiteName], c["Stripe:SecretKey"], c[SettingKeys.DefaultDownloadUses], c[SettingKeys.DefaultDownloadExpiryHours]);
    }

    [Fact]
    public async Task AStoredSecretIsLeftOutUntilItCanBeDecryptedAndItsCiphertextNeverBecomesConfiguration()
    {
        using var folder = new TempFolder();
        var shared = await TestDatabase.CreateAsync(Db.Sqlite, folder);
        await using var app = await StorefrontApp.StartAsync(Db.Sqlite, shared);
        var ciphertext = app.Services.GetRequiredService<SecretSettings>().Protect("sk_stored_in_the_admin");
        await app.WithDbAsync(d =>
        {
            d.Add(new SiteSetting { Key = "Stripe:SecretKey", Value = ciphertext, Protected = true });
            return d.SaveChangesAsync();
        });
        using var root = new TempFolder();
        await File.WriteAllTextAsync(root.File("appsettings.json"), Appsettings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = root.Path,
            Args = [$"--ConnectionStrings:Storefront={shared["ConnectionStrings:Storefront"]}"],
        });

        builder.AddStoredSettings();

        Assert.Equal("sk_from_appsettings", builder.Configuration["Stripe:SecretKey"]);
        Assert.DoesNotContain(((IConfigurationRoot)builder.Configuration).AsEnumerable(), kv => kv.Value == ciphertext);
    }
}
