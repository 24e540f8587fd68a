using System.Net;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary>
/// The shop's own limits per client address, with no proxy in front: real connections from different loopback
/// addresses (127.0.0.2, 127.0.0.3 …) are different clients to the shop, as two buyers' machines are.
/// </summary>
public sealed class RateLimitTests
{
    [Theory]
    [InlineData("POST", "/checkout/field-guide", "Checkout")]
    [InlineData("POST", "/CHECKOUT/field-guide", "Checkout")]
    [InlineData("GET", "/checkout/success?session_id=cs_test_anything", "Success")]
    [InlineData("POST", "/admin/account/sign-in", "Account")]
    [InlineData("POST", "/admin/account/sign-in/code", "Account")]
    [InlineData("POST", "/admin/account/forgot-password", "Account")]
    [InlineData("POST", "/admin/account/reset-password", "Account")]
    [InlineData("GET", "/download/not-a-token", "Downloads")]
    [InlineData("HEAD", "/download/not-a-token", "Downloads")]
    public async Task TheRequestAfterTheLimitGets429WithRetryAfterWhileAnotherAddressIsStillServed(string method, string path, string limit)
    {
        await using var shop = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?>
        {
            [$"RateLimits:{limit}:PermitLimit"] = "3",
            [$"RateLimits:{limit}:WindowSeconds"] = "120",
        });
        using var hammering = LoopbackClient.From(shop, "127.0.0.2");
        using var other = LoopbackClient.From(shop, "127.0.0.3");

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await SendAsync(hammering, method, path)).StatusCode);
        }

        var refused = await SendAsync(hammering, method, path);
        var elsewhere = await SendAsync(other, method, path);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, allowed);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 120);
        if (method != "HEAD")
        {
            Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync());
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, elsewhere.StatusCode);
        Assert.Equal(allowed[0], elsewhere.StatusCode);
        Assert.Contains(shop.Logs.Lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("Rate limit reached", StringComparison.Ordinal));
        shop.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task LimitsAreOnByDefaultAndLeaveOtherPagesAlone()
    {
        await using var shop = await StorefrontApp.StartAsync();
        using var client = LoopbackClient.From(shop, "127.0.0.2");

        var signIns = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            signIns.Add((await SendAsync(client, "POST", "/admin/account/sign-in")).StatusCode);
        }

        var pages = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            pages.Add((await SendAsync(client, "GET", "/")).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, signIns[..10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, signIns[10]);
        Assert.All(pages, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task LimitsCanBeSwitchedOff()
    {
        await using var shop = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" });
        using var client = LoopbackClient.From(shop, "127.0.0.2");

        var signIns = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            signIns.Add((await SendAsync(client, "POST", "/admin/account/sign-in")).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, signIns);
    }

    [Fact]
    public async Task ALimitThatIsNotPositiveRefusesToStartAndSaysWhich()
    {
        using var folder = new TempFolder();
        var result = await ServeCommand.RunAsync(folder, new Dictionary<string, string?> { ["RateLimits__Checkout__PermitLimit"] = "0" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("RateLimits__Checkout__PermitLimit", result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new FormUrlEncodedContent([KeyValuePair.Create("Input.Email", "someone@example.com")]) : null,
        });
}
