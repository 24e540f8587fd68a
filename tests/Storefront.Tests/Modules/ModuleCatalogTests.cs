using System.Net;
using Microsoft.Extensions.Configuration;
using Storefront.Catalog;
using Storefront.Core;
using Storefront.Core.Modules;
using Storefront.Host;
using Storefront.Media;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Modules;

public sealed class ModuleCatalogTests
{
    [Fact]
    public void ModulesAreOrderedAfterTheirDependencies()
    {
        var catalog = ModuleCatalog.Build([typeof(CatalogStartup), typeof(MediaStartup), typeof(CoreStartup)], Configuration());

        var names = catalog.Enabled.Select(m => m.Name).ToList();
        Assert.True(names.IndexOf("Core") < names.IndexOf("Media") && names.IndexOf("Media") < names.IndexOf("Catalog"), string.Join(", ", names));
    }

    [Fact]
    public void SwitchingOffADependencyThatAnEnabledModuleNeedsIsRefusedByName()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() =>
            ModuleCatalog.Build(StorefrontModules.All, Configuration(("Modules:Media:Enabled", "false"))));

        Assert.Contains("'Catalog' depends on 'Media'", error.Message);
        Assert.Contains("Modules__Media__Enabled=false", error.Message);
    }

    [Fact]
    public void EveryModuleTheHostListsDeclaresItself()
    {
        var catalog = ModuleCatalog.Build(StorefrontModules.All, Configuration());

        Assert.Equal(StorefrontModules.All.Length, catalog.Enabled.Count);
        Assert.All(catalog.Enabled, m => Assert.False(string.IsNullOrWhiteSpace(m.Description)));
    }

    [Fact]
    public async Task ASwitchedOffModuleContributesNoPages()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["Modules:Catalog:Enabled"] = "false" });
        using var client = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/products/anything")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task TheBinaryRefusesToStartWhenADependencyIsOffAndSaysWhy()
    {
        using var folder = new TempFolder();
        var result = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "migrate"], folder.Path, new Dictionary<string, string?>
        {
            ["Modules__Media__Enabled"] = "false",
            ["ConnectionStrings__Storefront"] = $"Data Source={folder.File("db.sqlite")}",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("'Catalog' depends on 'Media'", result.Error);
        Assert.DoesNotContain("   at ", result.All); // no stack trace
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
