using System.Net;
using System.Net.Http.Headers;
using Storefront.Core.Security;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

/// <summary><c>GET /metrics</c> through the running app: Prometheus' text format, restricted like the admin.</summary>
public sealed class MetricsTests
{
    private const string ScrapeToken = "a-scrape-token-of-thirty-two-chars-or-more";

    [Fact]
    public async Task AnAdministratorReadsTheShopsAndTheFrameworksMetricsInPrometheusFormat()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var admin = await AdminSession.SignInAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode);

        var text = "";
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await admin.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            text = await response.Content.ReadAsStringAsync();
            return text.Contains("storefront_outbox_passes", StringComparison.Ordinal);
        }, "the outbox's passes in the metrics", seconds: 30);

        // The framework's own meters come through the same exporter: request durations and Kestrel's connections.
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
        Assert.Contains("kestrel_", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AStrangerIsSentToSignInAndAnEditorIsRefused()
    {
        await using var app = await StorefrontApp.StartAsync();

        using var stranger = AdminSession.NewClient(app);
        using var anonymous = await stranger.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/admin/account/sign-in", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var editor = await AdminSession.SignInAsync(app, AdminRoles.Editor);
        using var refused = await editor.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/admin/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScraperPresentsTheTokenFromTheEnvironmentAndNothingElseWorks()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["Metrics:ScrapeToken"] = ScrapeToken });
        using var scraper = AdminSession.NewClient(app);

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(scraper, ScrapeToken));
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithAsync(scraper, ScrapeToken + "x"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithAsync(scraper, ScrapeToken[..^1]));
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithAsync(scraper, ""));
        app.Logs.AssertNeverLogged(ScrapeToken);
    }

    [Fact]
    public async Task WithoutATokenConfiguredNoBearerTokenIsAccepted()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var scraper = AdminSession.NewClient(app);

        Assert.Equal(HttpStatusCode.Redirect, await StatusWithAsync(scraper, ""));
        Assert.Equal(HttpStatusCode.Redirect, await StatusWithAsync(scraper, "anything"));
    }

    private static async Task<HttpStatusCode> StatusWithAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
