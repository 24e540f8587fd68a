using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Payments;

/// <summary>
/// A real HTTP server standing where Stripe's API does, for what the emulator cannot do on purpose: count every
/// request, answer slowly or fail, and describe a paid session whose only email is on its Customer. It creates and
/// retrieves Checkout Sessions in the wire format Stripe.net reads.
/// </summary>
public sealed partial class FakeStripeApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> requests = new();
    private readonly ConcurrentDictionary<string, string> referenceBySession = new();
    private readonly WebApplication app;

    private FakeStripeApi(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>"METHOD /path?query" of every request so far.</summary>
    public IReadOnlyList<string> Requests => requests.ToArray();

    public int SessionReads => Requests.Count(r => r.StartsWith("GET /v1/checkout/sessions/", StringComparison.Ordinal));

    /// <summary>How long every answer takes; a request the client gives up on is abandoned.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>A status to fail every request with, as Stripe does when it is having a bad day.</summary>
    public int? FailWith { get; set; }

    public string SessionStatus { get; set; } = "open";

    public string PaymentStatus { get; set; } = "unpaid";

    /// <summary>The email on the session's Customer, shown when the session is retrieved with <c>expand[]=customer</c>.</summary>
    public string? CustomerEmail { get; set; }

    public static async Task<FakeStripeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeStripeApi? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeStripeApi(app, new Uri(address));
        return fake;
    }

    /// <summary>The shop with its catalogue (one product, <c>field-guide</c>), calling this server as Stripe.</summary>
    public async Task<StorefrontApp> StartShopAsync(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>())
        {
            ["Stripe:ApiBase"] = BaseUrl.ToString().TrimEnd('/'),
        };
        var shop = await StorefrontApp.StartAsync(Db.Sqlite, settings);
        using var recipe = new TempFolder();
        await shop.ImportAsync(new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("field-guide", "Field Guide", price: 2900)).WriteTo(recipe.Path));
        return shop;
    }

    /// <summary>What the Buy button does: the product page for its antiforgery token, then the checkout post.</summary>
    public static async Task<HttpResponseMessage> CheckoutAsync(StorefrontApp shop, HttpClient? client = null)
    {
        using var own = client is null ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) : null;
        var browser = client ?? own!;
        var product = await browser.GetStringAsync(new Uri(shop.BaseAddress, "/products/field-guide"));
        var token = AntiforgeryToken().Match(product).Groups[1].Value;
        return await browser.PostAsync(new Uri(shop.BaseAddress, "/checkout/field-guide"),
            new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]));
    }

    /// <summary>A buyer who clicked Buy and is on Stripe's page: the only order, pending, with its session.</summary>
    public static async Task<Storefront.Payments.Orders.Order> PendingOrderAsync(StorefrontApp shop)
    {
        Assert.Equal(HttpStatusCode.SeeOther, (await CheckoutAsync(shop)).StatusCode);
        return await shop.WithDbAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(d.Set<Storefront.Payments.Orders.Order>()));
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
        try
        {
            await Task.Delay(Delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (FailWith is { } status)
        {
            await AnswerAsync(context, status, new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "api_error", ["message"] = "Scripted failure." },
            });
            return;
        }

        var path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsPost(context.Request.Method) && path == "/v1/checkout/sessions")
        {
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
            var id = "cs_test_fake_" + Guid.NewGuid().ToString("N");
            referenceBySession[id] = form["client_reference_id"].ToString();
            await AnswerAsync(context, 200, Session(id, expandCustomer: false));
        }
        else if (HttpMethods.IsGet(context.Request.Method) && path.StartsWith("/v1/checkout/sessions/", StringComparison.Ordinal)
            && referenceBySession.ContainsKey(path[22..]))
        {
            var expand = context.Request.Query.Any(q => q.Key.StartsWith("expand[", StringComparison.Ordinal) && q.Value.Contains("customer"));
            await AnswerAsync(context, 200, Session(path[22..], expand));
        }
        else
        {
            await AnswerAsync(context, 404, new JsonObject
            {
                ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = "No such object." },
            });
        }
    }

    private JsonObject Session(string id, bool expandCustomer) => new()
    {
        ["id"] = id,
        ["object"] = "checkout.session",
        ["status"] = SessionStatus,
        ["payment_status"] = PaymentStatus,
        ["client_reference_id"] = referenceBySession[id],
        ["amount_total"] = 2900,
        ["currency"] = "usd",
        ["mode"] = "payment",
        ["url"] = "https://checkout.stripe.test/c/pay/" + id,
        ["customer_details"] = null,
        ["customer_email"] = null,
        ["customer"] = CustomerEmail is null ? null
            : expandCustomer ? new JsonObject { ["id"] = "cus_fake", ["object"] = "customer", ["email"] = CustomerEmail } : "cus_fake",
    };

    private static Task AnswerAsync(HttpContext context, int status, JsonObject json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_fake";
        return context.Response.WriteAsync(json.ToJsonString(), Encoding.UTF8);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
