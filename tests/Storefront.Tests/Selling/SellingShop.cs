using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Events;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Selling;

/// <summary>A buyer's Buy button as the browser posts it, and the catalogue setups the selling tests share.</summary>
public static partial class SellingShop
{
    /// <summary>Fifty buyers from one loopback address would otherwise meet the checkout rate limit before the stock.</summary>
    public static readonly Dictionary<string, string?> RushOfBuyers = new() { ["RateLimits:Checkout:PermitLimit"] = "100" };

    /// <summary>Opens the product page and posts its Buy form (with <paramref name="amount"/> when given) without following Stripe's redirect.</summary>
    public static async Task<HttpResponseMessage> PostBuyAsync(Uri shop, string slug, string? amount = null) =>
        await (await OpenBuyFormAsync(shop, slug, amount))();

    /// <summary>
    /// Opens the product page as a buyer would, and gives the Buy click to make later: buyers who opened the page while units
    /// were left can still press Buy after the last one went.
    /// </summary>
    public static async Task<Func<Task<HttpResponseMessage>>> OpenBuyFormAsync(Uri shop, string slug, string? amount = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var page = await client.GetStringAsync(new Uri(shop, $"/products/{slug}"));
        var token = Token().Match(page).Groups[1].Value;
        List<KeyValuePair<string, string>> form = [KeyValuePair.Create("__RequestVerificationToken", token)];
        if (amount is not null)
        {
            form.Add(KeyValuePair.Create("amount", amount));
        }

        return async () =>
        {
            using (client)
            {
                var response = await client.PostAsync(new Uri(shop, $"/checkout/{slug}"), new FormUrlEncodedContent(form));
                await response.Content.LoadIntoBufferAsync();
                return response;
            }
        };
    }

    /// <summary>Imports products into a running shop; the sample master and cover sit beside the recipe.</summary>
    public static async Task ImportAsync(StorefrontApp app, params JsonObject[] products)
    {
        using var folder = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(products).WriteTo(folder.Path));
    }

    public static JsonObject Bundle(string slug, string title, params string[] contents)
    {
        var bundle = TestRecipe.Product(slug, title, price: 4900);
        bundle.Remove("master");
        bundle["bundle"] = new JsonArray([.. contents.Select(c => JsonValue.Create(c))]);
        return bundle;
    }

    public static JsonObject Limited(string slug, int stock)
    {
        var product = TestRecipe.Product(slug, "Limited " + slug, price: 1500);
        product["stock"] = stock;
        return product;
    }

    /// <summary>Publishes an order event the way Payments does: in one scope, its handlers' staged rows saved together.</summary>
    public static async Task PublishAsync<TEvent>(StorefrontApp app, TEvent domainEvent)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DomainEvents>().PublishAsync(domainEvent, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().SaveChangesAsync();
    }

    public static Task<Guid> ProductIdAsync(StorefrontApp app, string slug) =>
        app.WithDbAsync(d => d.Set<Storefront.Catalog.Models.Product>().Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
