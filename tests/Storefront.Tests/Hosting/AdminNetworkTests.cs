using System.Net.Sockets;
using System.Text;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary>
/// <c>Admin__AllowedNetworks</c> through the running app. Requests are written byte for byte on a socket: HttpClient
/// would normalise <c>/%61dmin</c> to <c>/admin</c> before sending, hiding the spelling under test. The client address
/// comes in X-Forwarded-For from loopback, named as the trusted proxy, as the reverse proxy sends it in production.
/// </summary>
public sealed class AdminNetworkTests
{
    public static readonly TheoryData<string> Spellings = ["/admin/account/sign-in", "/ADMIN/account/sign-in", "/%61dmin/account/sign-in", "/Admin/", "/metrics", "/%4Detrics"];

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task OnlyAllowedNetworksReachTheAdminHoweverThePathIsSpelled(string path)
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Admin:AllowedNetworks"] = "10.1.0.0/16, 192.0.2.7/32",
            ["Proxy:KnownNetworks"] = "127.0.0.0/8",
        });

        Assert.NotEqual(404, await StatusAsync(app, path, from: "10.1.2.3"));
        Assert.NotEqual(404, await StatusAsync(app, path, from: "192.0.2.7"));
        Assert.Equal(404, await StatusAsync(app, path, from: "203.0.113.5"));
        Assert.Equal(404, await StatusAsync(app, path, from: "192.0.2.8"));
        // The shop itself stays open to everyone.
        Assert.Equal(200, await StatusAsync(app, "/", from: "203.0.113.5"));
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task WithoutTheSettingTheAdminAnswersEveryAddress(string path)
    {
        await using var app = await StorefrontApp.StartAsync();

        Assert.NotEqual(404, await StatusAsync(app, path, from: "203.0.113.5"));
    }

    [Fact]
    public async Task AnInvalidRangeStopsStartNamingTheKey()
    {
        using var folder = new TempFolder();
        var result = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "serve"], folder.Path, new Dictionary<string, string?>
        {
            ["Stripe__SecretKey"] = TestStripe.SecretKey,
            ["Stripe__WebhookSecret"] = TestStripe.WebhookSecret,
            ["Email__From"] = "shop@example.com",
            ["ConnectionStrings__Storefront"] = $"Data Source={folder.File("db.sqlite")}",
            ["Storage__Root"] = folder.File("storage"),
            ["Admin__AllowedNetworks"] = "10.0.0.0/8, not-a-network",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}",
        }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Admin__AllowedNetworks", result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }

    private static async Task<int> StatusAsync(StorefrontApp app, string path, string from)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port);
        await using var stream = client.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {app.BaseAddress.Authority}\r\nX-Forwarded-For: {from}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? "";
        return int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
