using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Storefront.Licensing.Data;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Licensing;

/// <summary>The shop with its "field-guide" set up by recipe to issue licence keys, and a client of the verification API.</summary>
internal sealed partial class LicensedShop(ShopWithStripe shop) : IAsyncDisposable
{
    public const string Slug = "field-guide";

    public ShopWithStripe Shop => shop;

    public StorefrontApp App => shop.App;

    public static async Task<LicensedShop> StartAsync(Db db = Db.Sqlite, int activationLimit = 2, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>());
        settings.TryAdd("RateLimits:Licenses:PermitLimit", "1000");
        var shop = await ShopWithStripe.StartAsync(db, overrides: settings);
        using var recipe = new TempFolder();
        await shop.App.ImportAsync(new TestRecipe().Step(LicensesStep((Slug, activationLimit))).WriteTo(recipe.Path));
        return new LicensedShop(shop);
    }

    public static JsonObject LicensesStep(params (string Product, int Limit)[] products) => new()
    {
        ["name"] = "licenses",
        ["licenses"] = new JsonArray([.. products.Select(p => (JsonNode)new JsonObject
        {
            ["product"] = p.Product, ["issuesKeys"] = true, ["activationLimit"] = p.Limit,
        })]),
    };

    /// <summary>Buys the guide and returns the purchase with the key its line was issued, as stored.</summary>
    public async Task<(Purchase Purchase, LicenseKey Key)> BuyAsync(string email = "dev@example.com")
    {
        var purchase = await shop.BuyAsync(email, "Dev Buyer");
        var key = await App.WithDbAsync(d => d.Set<LicenseKey>().AsNoTracking().OrderByDescending(k => k.IssuedAt).FirstAsync());
        return (purchase, key);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> VerifyAsync(object request)
    {
        using var client = App.CreateHttpClient();
        using var response = await client.PostAsJsonAsync("/api/licenses/verify", request);
        return (response.StatusCode, await ReadAsync(response));
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> VerifyAsync(string key, string action, string? instance = null, string product = Slug) =>
        VerifyAsync(new { key, product, instance, action });

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The keys written on a page or in an email, in the format they are issued in.</summary>
    public static IReadOnlyList<string> KeysIn(string text) => KeyPattern().Matches(text).Select(m => m.Value).Distinct().ToList();

    public ValueTask DisposeAsync() => shop.DisposeAsync();

    [GeneratedRegex(@"\b[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}\b")]
    private static partial Regex KeyPattern();
}
