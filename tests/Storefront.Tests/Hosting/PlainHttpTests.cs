using System.Net;
using System.Text.RegularExpressions;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary>
/// Production with an https <c>Site__BaseUrl</c>, through the running app on loopback: a request that is still plain HTTP
/// after the trusted proxy's headers (the proxy not in <c>Proxy__KnownNetworks</c>, or the app's port reached directly)
/// is sent to the base URL or refused, never answered with a 500; through the known proxy everything works.
/// </summary>
public sealed partial class PlainHttpTests
{
    private const string ForgotPassword = "/admin/account/forgot-password";

    [Fact]
    public async Task OverPlainHttpAGetIsRedirectedToTheBaseUrlAndAPostIsRefusedWithAReasonNotAnError()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: Production());
        using var client = Client(app);

        var get = await client.SendAsync(Request(HttpMethod.Get, ForgotPassword + "?from=mail%20link"));
        var head = await client.SendAsync(Request(HttpMethod.Head, "/"));
        var post = await client.SendAsync(Request(HttpMethod.Post, ForgotPassword, form: new() { ["Email"] = "someone@example.com" }));
        var refusal = await post.Content.ReadAsStringAsync();
        Assert.Equal("nosniff", post.Headers.GetValues("X-Content-Type-Options").Single());

        Assert.Equal(HttpStatusCode.PermanentRedirect, get.StatusCode);
        Assert.Equal("https://shop.example.com" + ForgotPassword + "?from=mail%20link", get.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.PermanentRedirect, head.StatusCode);
        Assert.Equal("https://shop.example.com/", head.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("Site__BaseUrl", refusal);
        Assert.Contains("Proxy__KnownNetworks", refusal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var warning = Assert.Single(app.Logs.Warnings, w => w.Contains("Proxy__KnownNetworks", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", warning);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ThroughTheKnownProxyTheFormRendersAndPostsWithASecureCookie()
    {
        var settings = Production();
        settings["Proxy:KnownNetworks"] = "127.0.0.0/8";
        await using var app = await StorefrontApp.StartAsync(overrides: settings);
        using var client = Client(app);

        var page = await client.SendAsync(Request(HttpMethod.Get, ForgotPassword, viaProxy: true));
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        var token = WebUtility.HtmlDecode(TokenField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        var posted = await client.SendAsync(Request(HttpMethod.Post, ForgotPassword, viaProxy: true, cookie: cookie.Split(';')[0],
            form: new() { ["Email"] = "someone@example.com", ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("If an account exists", await posted.Content.ReadAsStringAsync());
        Assert.DoesNotContain(app.Logs.Warnings, w => w.Contains("Proxy__KnownNetworks", StringComparison.Ordinal));
        app.Logs.AssertNoErrors();
    }

    private static Dictionary<string, string?> Production() => new()
    {
        ["environment"] = "Production",
        ["Site:BaseUrl"] = "https://shop.example.com",
    };

    // Cookies are carried by hand: a cookie jar rightly keeps a Secure cookie off the http:// address the proxy talks to.
    private static HttpClient Client(StorefrontApp app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };

    private static HttpRequestMessage Request(HttpMethod method, string path, bool viaProxy = false, string? cookie = null, Dictionary<string, string>? form = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = form is null ? null : new FormUrlEncodedContent(form) };
        request.Headers.Host = "shop.example.com";
        if (viaProxy)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
