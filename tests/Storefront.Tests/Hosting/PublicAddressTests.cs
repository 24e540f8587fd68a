using System.Net;
using System.Text.RegularExpressions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary>
/// <c>Site__BaseUrl</c> as the shop's one address, through the running app on loopback: neither the Host header nor
/// forwarded headers from a peer outside <c>Proxy__KnownNetworks</c> choose where links point, and a request for a host
/// the shop does not serve is refused.
/// </summary>
public sealed class PublicAddressTests
{
    private const string ForgotPassword = "/admin/account/forgot-password";

    [Fact]
    public async Task InProductionAForeignHostIsRefusedAndTheResetLinkPointsAtTheBaseUrl()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: Production("http://shop.example.com"));
        var email = await AdminSession.CreateUserAsync(app);
        using var client = AdminSession.NewClient(app);
        client.DefaultRequestHeaders.Host = "shop.example.com";
        var token = await AdminSession.AntiforgeryTokenAsync(client, ForgotPassword);

        using var forged = new HttpRequestMessage(HttpMethod.Post, ForgotPassword)
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("Email", email), KeyValuePair.Create("__RequestVerificationToken", token)]),
        };
        forged.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, ForgotPassword, ("Host", "evil.example"))).StatusCode);
        Assert.Equal(0, AdminMail.Count(app));

        var asked = await AdminSession.PostFormAsync(client, ForgotPassword, new() { ["Email"] = email });
        Assert.Contains("If an account exists", await asked.Content.ReadAsStringAsync());
        var link = new Uri(await AdminMail.WaitForLinkAsync(app, email));
        Assert.Equal("http://shop.example.com", link.GetLeftPart(UriPartial.Authority));
        // Once every queued link has gone out, the refused requests have provably queued none.
        await Users.AccountOutbox.WaitUntilDrainedAsync(app);
        Assert.Equal(1, AdminMail.Count(app));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.0/8")]
    public async Task ForwardedHeadersFromAPeerOutsideTheKnownNetworksAreIgnored(string? knownNetworks)
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["Proxy:KnownNetworks"] = knownNetworks });
        await ImportBookAsync(app);
        using var client = app.CreateHttpClient();

        var response = await SendAsync(client, "/products/book", ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var canonical = Regex.Match(await response.Content.ReadAsStringAsync(), "<link rel=\"canonical\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal($"http://{app.BaseAddress.Authority}/products/book", canonical);
    }

    [Fact]
    public async Task AKnownProxyIsBelievedOnlyForTheShopsOwnHostAndProbesAnswerAnyHost()
    {
        var settings = Production("https://shop.example.com");
        settings["Proxy:KnownNetworks"] = "127.0.0.0/8";
        await using var app = await StorefrontApp.StartAsync(overrides: settings);
        await ImportBookAsync(app);
        using var client = app.CreateHttpClient();

        var page = await SendAsync(client, "/products/book", ("X-Forwarded-Host", "shop.example.com"), ("X-Forwarded-Proto", "https"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<meta property=\"og:url\" content=\"https://shop.example.com/products/book\" />", html);
        Assert.Contains("<meta property=\"og:image\" content=\"https://shop.example.com/media/covers/", html);
        Assert.False(page.Headers.Contains("Set-Cookie"), "a page every visitor shares set a cookie");
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, "/products/book", ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/products/book")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "/health/ready", ("Host", "10.0.0.7:8080"))).StatusCode);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AnOperatorsAllowedHostsWinOverTheBaseUrlsHost()
    {
        var settings = Production("http://shop.example.com");
        settings["AllowedHosts"] = "shop.example.com;shop.example.net";
        await using var app = await StorefrontApp.StartAsync(overrides: settings);
        using var client = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "/", ("Host", "shop.example.net"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, "/", ("Host", "evil.example"))).StatusCode);
    }

    [Fact]
    public async Task DownloadLinksOnTheSuccessPageComeFromTheBaseUrlNotTheRequest()
    {
        await using var shop = await ShopWithStripe.StartAsync(overrides: new Dictionary<string, string?> { ["Site:BaseUrl"] = "https://books.example.org" });

        var purchase = await shop.BuyAsync("buyer@example.com", "Buyer", openSuccessPage: false);
        await shop.WaitForDeliveryAsync("checkout.session.completed");
        var links = ShopWithStripe.DownloadLinks(await shop.SuccessPageAsync(purchase.SessionId));

        Assert.StartsWith("https://books.example.org/checkout/success?session_id=", purchase.SuccessUrl!.ToString());
        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.StartsWith("https://books.example.org/download/", link));
        shop.App.Logs.AssertNoErrors();
    }

    /// <summary>Production, which requires a public address, at this one.</summary>
    private static Dictionary<string, string?> Production(string baseUrl) => new()
    {
        ["environment"] = "Production",
        ["Site:BaseUrl"] = baseUrl,
    };

    private static async Task ImportBookAsync(StorefrontApp app)
    {
        using var recipe = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(recipe.Path));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            if (name == "Host")
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.Add(name, value);
            }
        }

        return await client.SendAsync(request);
    }
}
