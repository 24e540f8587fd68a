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
    public async Task ASwitchedOffModuleContributesNoPagesEndpointsOrZones()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Modules:Payments:Enabled"] = "false",
            ["Modules:Library:Enabled"] = "false", // the buyer's library is made of Payments' orders
        });
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(folder.Path));
        using var client = app.CreateHttpClient();

        var product = await client.GetStringAsync("/products/book");
        Assert.Contains("<h1 id=\"product-title\">Book</h1>", product);
        Assert.DoesNotContain("/checkout/book", product);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/checkout/success?session_id=cs_x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/webhooks/stripe", new StringContent("{}"))).StatusCode);
    }

    [Fact]
    public async Task WithEveryModuleOnTheProductPageOffersCheckout()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(folder.Path));
        using var client = app.CreateHttpClient();

        var product = await client.GetStringAsync("/products/book");
        Assert.Contains("action=\"/checkout/book\"", product);
        // A page every visitor shares: the form carries no per-visitor token (its target checks the origin instead).
        Assert.DoesNotContain("__RequestVerificationToken", product);
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
