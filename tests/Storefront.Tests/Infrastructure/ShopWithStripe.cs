using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Storefront.StripeEmulator;

namespace Storefront.Tests.Infrastructure;

/// <summary>The shop wired to a Stripe emulator on its own port (and, if given, a real SMTP server), with a small catalogue.</summary>
public sealed partial class ShopWithStripe : IAsyncDisposable
{
    private ShopWithStripe(StorefrontApp app, RunningStripeEmulator stripe)
    {
        App = app;
        Stripe = stripe;
    }

    public StorefrontApp App { get; }

    public RunningStripeEmulator Stripe { get; }

    /// <summary>The Message-ID a receipt of this shop carries for an order number.</summary>
    public string ReceiptMessageId(long orderNumber) => $"<receipt.{orderNumber}@{App.Settings["Email:From"]!.Split('@')[1]}>";

    public static async Task<ShopWithStripe> StartAsync(Db db = Db.Sqlite, MailDevServer? mail = null, IDictionary<string, string?>? overrides = null,
        TempFolder? folder = null, string? supportEmail = "help@example.com", Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? faults = null)
    {
        var stripe = await StripeEmulatorServer.StartAsync(new StripeEmulatorOptions
        {
            ApiKeys = [TestStripe.SecretKey],
            WebhookSecret = TestStripe.WebhookSecret,
            DisplayName = "Field Guides",
        });
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>())
        {
            ["Stripe:ApiBase"] = stripe.BaseUrl.ToString().TrimEnd('/'),
            ["SecurityHeaders:FormActionSources"] = stripe.BaseUrl.GetLeftPart(UriPartial.Authority),
        };
        if (mail is not null)
        {
            settings["Email:Smtp:Host"] = "127.0.0.1";
            settings["Email:Smtp:Port"] = mail.SmtpPort.ToString();
            settings["Email:Smtp:EnableSsl"] = "false";
            // One SMTP server serves a whole test class: a domain per shop keeps their Message-IDs apart.
            settings["Email:From"] = $"shop@{Guid.NewGuid():N}.example.com";
        }

        var app = await StorefrontApp.StartAsync(db, settings, folder, faults);
        stripe.Options.WebhookUrl = new Uri(app.BaseAddress, "/webhooks/stripe").ToString();
        using var recipe = new TempFolder();
        var guide = TestRecipe.Product("field-guide", "Field Guide", price: 2900);
        guide["downloadUses"] = 3;
        await app.ImportAsync(new TestRecipe().Settings("Field Guides", supportEmail).Products(guide).WriteTo(recipe.Path));
        return new ShopWithStripe(app, stripe);
    }

    /// <summary>What a buyer's browser does without JavaScript: product page → Buy → hosted page → Pay/Decline/Delayed.</summary>
    /// <param name="fields">More fields of the hosted page (billing address, tax id), by name.</param>
    /// <param name="beforePaying">Runs with the session id once the hosted page is open (e.g. to give it a discount).</param>
    /// <param name="productQuery">The product page's query, as a shared link carries it (<c>?code=…</c>); the Buy form's hidden fields follow.</param>
    /// <param name="buyFields">Fields the buyer fills in the Buy form itself (the email a once-per-customer code asks for).</param>
    public async Task<Purchase> BuyAsync(string email, string? name, string action = "pay", string slug = "field-guide", bool openSuccessPage = true,
        IReadOnlyDictionary<string, string>? fields = null, Func<string, Task>? beforePaying = null, string productQuery = "",
        IReadOnlyDictionary<string, string>? buyFields = null)
    {
        try
        {
            return await BuyAt(App.BaseAddress, email, name, action, slug, openSuccessPage, fields, beforePaying, productQuery, buyFields);
        }
        catch (Exception ex) when (App.Logs.Errors.Count > 0)
        {
            throw new InvalidOperationException("The purchase failed; the server logged:\n" + string.Join("\n---\n", App.Logs.Errors), ex);
        }
    }

    public static async Task<Purchase> BuyAt(Uri shop, string email, string? name, string action = "pay", string slug = "field-guide", bool openSuccessPage = true,
        IReadOnlyDictionary<string, string>? fields = null, Func<string, Task>? beforePaying = null, string productQuery = "",
        IReadOnlyDictionary<string, string>? buyFields = null)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var product = await client.GetStringAsync(new Uri(shop, $"/products/{slug}{productQuery}"));
        var token = AntiforgeryToken().Match(product).Groups[1].Value;
        var hidden = HiddenCode().Match(product);
        var checkout = await client.PostAsync(new Uri(shop, $"/checkout/{slug}"), new FormUrlEncodedContent(
        [
            KeyValuePair.Create("__RequestVerificationToken", token),
            .. hidden.Success ? [KeyValuePair.Create("code", WebUtility.HtmlDecode(hidden.Groups[1].Value))] : Array.Empty<KeyValuePair<string, string>>(),
            .. buyFields ?? new Dictionary<string, string>(),
        ]));
        if (checkout.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new CheckoutRefusedException(checkout.StatusCode, await checkout.Content.ReadAsStringAsync());
        }

        var payPage = checkout.Headers.Location!;
        var sessionId = payPage.Segments[^1];
        if (beforePaying is not null)
        {
            await beforePaying(sessionId);
        }

        var paid = await client.PostAsync(payPage, new FormUrlEncodedContent(
        [
            KeyValuePair.Create("action", action), KeyValuePair.Create("email", email), KeyValuePair.Create("name", name ?? ""),
            .. fields ?? new Dictionary<string, string>(),
        ]));
        if (paid.StatusCode != HttpStatusCode.SeeOther)
        {
            return new Purchase(sessionId, null, await paid.Content.ReadAsStringAsync());
        }

        if (!openSuccessPage)
        {
            return new Purchase(sessionId, paid.Headers.Location, "");
        }

        var success = await client.GetStringAsync(paid.Headers.Location!);
        return new Purchase(sessionId, paid.Headers.Location, success);
    }

    /// <summary>Calls the emulator's API (refunds, disputes, settling delayed payments) with the shop's key.</summary>
    public async Task<HttpResponseMessage> StripeApiAsync(string path, params (string Key, string Value)[] form)
    {
        using var client = new HttpClient { BaseAddress = Stripe.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestStripe.SecretKey);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response;
    }

    /// <summary>Stripe delivers events after answering the API call; wait until the shop acknowledged one of this type.</summary>
    public Task WaitForDeliveryAsync(string type) =>
        Eventually.HoldsAsync(() => Task.FromResult(Stripe.State.Deliveries.Any(d => d.EventType == type && d.Succeeded)),
            $"The shop acknowledging a {type} event", seconds: 15);

    /// <summary>The raw JSON of the last event of a type the emulator published.</summary>
    public string LastEvent(string type) => Encoding.UTF8.GetString(Stripe.State.Events.Last(e => e.Type == type).Body);

    /// <summary>Waits until the outbox has carried out every message (receipts sent).</summary>
    public Task WaitForOutboxAsync(int expected) =>
        Eventually.HoldsAsync(async () => await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.Set<Storefront.Core.Outbox.OutboxMessage>(), m => m.ProcessedAt != null)) >= expected, "The outbox finishing its work", seconds: 20);

    /// <summary>
    /// Waits until nothing queued is left unsent: the positive signal that anything wrongly queued has gone out,
    /// for tests that prove something was sent only once.
    /// </summary>
    public Task WaitForOutboxDrainedAsync() =>
        Eventually.HoldsAsync(async () => !await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.Set<Storefront.Core.Outbox.OutboxMessage>(), m => m.ProcessedAt == null && m.FailedAt == null)), "The outbox sending everything queued", seconds: 20);

    public async Task<string> SuccessPageAsync(string sessionId)
    {
        using var client = App.CreateHttpClient();
        return await client.GetStringAsync($"/checkout/success?session_id={Uri.EscapeDataString(sessionId)}");
    }

    /// <summary>Posts an event to the webhook, signed with the shop's secret unless a header is given.</summary>
    public async Task<HttpResponseMessage> DeliverAsync(string json, string? signatureHeader = null, bool sign = true)
    {
        using var client = App.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var header = signatureHeader ?? (sign ? Sign(json) : null);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", header);
        }

        return await client.SendAsync(request);
    }

    public static string Sign(string json, string secret = TestStripe.WebhookSecret, DateTimeOffset? at = null) =>
        global::Stripe.EventUtility.GenerateSignatureHeader(json, secret, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds());

    public static IReadOnlyList<string> DownloadLinks(string html) =>
        DownloadLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("href=\"(https?://[^\"]+/download/[^\"]+)\"")]
    private static partial Regex DownloadLink();

    [GeneratedRegex("<input type=\"hidden\" name=\"code\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenCode();
}

/// <summary>The shop answered Buy with a page of its own (a refused code, a bad email) instead of sending the buyer to Stripe.</summary>
public sealed class CheckoutRefusedException(HttpStatusCode status, string page) : Exception($"Checkout answered {(int)status}")
{
    public HttpStatusCode Status { get; } = status;

    public string Page { get; } = page;
}

public sealed record Purchase(string SessionId, Uri? SuccessUrl, string Page);
