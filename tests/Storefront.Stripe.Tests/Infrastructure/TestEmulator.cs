using System.Net;
using System.Text.RegularExpressions;
using Storefront.StripeEmulator;
using Stripe;
using Stripe.Checkout;

namespace Storefront.Stripe.Tests.Infrastructure;

/// <summary>Starting an emulator, pointing our client at it, and walking a buyer through its hosted page.</summary>
public static partial class TestEmulator
{
    public const string ApiKey = "sk_test_storefront_tests_0001";
    public const string WebhookSecret = "whsec_storefront_tests_secret";

    public static Task<RunningStripeEmulator> StartAsync(Uri? webhookUrl = null, int webhookAttempts = 4) =>
        StripeEmulatorServer.StartAsync(new StripeEmulatorOptions
        {
            ApiKeys = [ApiKey, "sk_test_other_account_0002"],
            WebhookSecret = WebhookSecret,
            WebhookUrl = webhookUrl?.ToString(),
            WebhookMaxAttempts = webhookAttempts,
            WebhookRetryDelay = TimeSpan.FromMilliseconds(20),
        });

    public static IStripeClient Client(Uri apiBase, string apiKey = ApiKey, int retries = 2, TimeSpan? deadline = null) =>
        StripeTestClient.Create(apiBase, apiKey, retries, deadline);

    public static SessionCreateOptions Book(string orderId = "order_0001", string? email = null) => new()
    {
        Mode = "payment",
        SuccessUrl = "https://shop.example/checkout/success?session_id={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://shop.example/checkout/cancel",
        ClientReferenceId = orderId,
        CustomerEmail = email,
        Metadata = new Dictionary<string, string> { ["order_id"] = orderId },
        LineItems = [Line("CAN Bus Field Guide", 2900, description: "PDF, 212 pages")],
    };

    public static SessionLineItemOptions Line(string name, long unitAmount, long quantity = 1, string? description = null) => new()
    {
        PriceData = new SessionLineItemPriceDataOptions
        {
            Currency = "usd",
            UnitAmount = unitAmount,
            ProductData = new SessionLineItemPriceDataProductDataOptions { Name = name, Description = description },
        },
        Quantity = quantity,
    };

    public static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false });

    /// <summary>Submits the hosted page's form as a browser would: the fields it shows and the pressed button.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string sessionUrl, string action,
        string email = "jenny.rosen@example.com", string name = "Jenny Rosen", IReadOnlyDictionary<string, string>? fields = null)
    {
        var page = await browser.GetAsync(sessionUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var formAction = FormAction().Match(html).Groups[1].Value;
        var target = new Uri(new Uri(sessionUrl), WebUtility.HtmlDecode(formAction));
        return await browser.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["email"] = email,
            ["name"] = name,
            ["action"] = action,
        }));
    }

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
