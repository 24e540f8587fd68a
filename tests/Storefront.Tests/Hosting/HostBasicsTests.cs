using System.Net;
using System.Text.Json;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Hosting;

public sealed class HostBasicsTests
{
    [Theory]
    [InlineData("Postgres", null, null, "ConnectionStrings__Storefront")]
    [InlineData(null, "S3", null, "Storage__S3__Bucket")]
    [InlineData(null, null, "not-a-network", "Proxy__KnownNetworks")]
    [InlineData("Oracle", null, null, "Database:Provider")]
    [InlineData(null, null, null, "Site__BaseUrl", "ftp://shop")]
    public async Task AMissingOrMalformedSettingStopsStartNamingTheKey(string? database, string? storage, string? proxy, string key, string? baseUrl = null)
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string?>
        {
            ["Stripe__SecretKey"] = TestStripe.SecretKey,
            ["Stripe__WebhookSecret"] = TestStripe.WebhookSecret,
            ["Email__From"] = "shop@example.com",
            ["Database__Provider"] = database,
            ["Storage__Provider"] = storage,
            ["Proxy__KnownNetworks"] = proxy,
            ["Site__BaseUrl"] = baseUrl,
            ["Storage__Root"] = folder.File("storage"),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}",
        };
        if (database is null)
        {
            environment["ConnectionStrings__Storefront"] = $"Data Source={folder.File("db.sqlite")}";
        }

        var result = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "serve"], folder.Path, environment, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(key, result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public async Task AnAddressAlreadyInUseStopsStartWithOneLineNamingIt()
    {
        using var folder = new TempFolder();
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var result = await ServeCommand.RunAsync(folder, new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = address });

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"Storefront cannot start: {address} is already in use", result.Error);
        Assert.DoesNotContain("Unhandled exception", result.All);
    }

    [Fact]
    public async Task AMalformedListenAddressStopsStartWithOneLineNamingTheSetting()
    {
        using var folder = new TempFolder();

        var result = await ServeCommand.RunAsync(folder, new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = "not-an-address" });

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains("Storefront cannot start: ASPNETCORE_URLS (or --urls) is not valid: Invalid url: 'not-an-address'", result.Error);
        Assert.DoesNotContain("Unhandled exception", result.All);
    }

    [Theory]
    [InlineData("nothing listens", "Failed to connect to 127.0.0.1")]
    [InlineData("no such database", "does not exist")]
    [InlineData("not a database file", "file is not a database")]
    public async Task ADatabaseThatRefusesTheShopStopsStartWithOneLineNamingTheConnectionSetting(string refusal, string reason)
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>();
        switch (refusal)
        {
            case "nothing listens":
                settings["Database__Provider"] = "Postgres";
                settings["ConnectionStrings__Storefront"] = $"Host=127.0.0.1;Port={Ports.Free()};Username=postgres;Database=storefront;Timeout=3";
                break;
            case "no such database":
                settings["Database__Provider"] = "Postgres";
                settings["ConnectionStrings__Storefront"] = (await PostgresServer.GetAsync()).ConnectionString("no_such_database_here");
                break;
            default:
                await File.WriteAllTextAsync(folder.File("db.sqlite"), "a text file where the database should be, long enough to hold a header");
                break;
        }

        var result = await ServeCommand.RunAsync(folder, settings);

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains("Storefront cannot start: the database refused it (", result.Error);
        Assert.Contains(reason, result.Error);
        Assert.Contains("Check ConnectionStrings__Storefront", result.Error);
        Assert.DoesNotContain("Unhandled exception", result.All);
    }

    [Theory]
    [InlineData("Production", null, "whsec_live_1", TestKeys.KeyEncryptionKey, "Stripe:SecretKey (env Stripe__SecretKey)")]
    [InlineData("Production", "sk_test_emulator", "whsec_live_1", TestKeys.KeyEncryptionKey, "Stripe:SecretKey (env Stripe__SecretKey) still has a default value")]
    [InlineData("Production", "sk_live_1", "whsec_change-me", TestKeys.KeyEncryptionKey, "Stripe:WebhookSecret (env Stripe__WebhookSecret) still has a default value")]
    [InlineData("Production", "sk_live_1", "whsec_live_1", null, "DataProtection:KeyEncryptionKey (env DataProtection__KeyEncryptionKey) must be set in Production, in the environment only")]
    [InlineData("Production", "sk_live_1", "whsec_live_1", "change-me", "DataProtection:KeyEncryptionKey (env DataProtection__KeyEncryptionKey) must be 32 random bytes in base64")]
    [InlineData("Production", "sk_live_1", "whsec_live_1", TestKeys.KeyEncryptionKey, "Site:BaseUrl (env Site__BaseUrl) must be set in Production")]
    [InlineData("Staging", "sk_test_emulator", "whsec_live_1", TestKeys.KeyEncryptionKey, "Stripe:SecretKey (env Stripe__SecretKey) still has a default value")]
    [InlineData("Staging", "sk_live_1", "whsec_emulator_local", TestKeys.KeyEncryptionKey, "Stripe:WebhookSecret (env Stripe__WebhookSecret) still has a default value")]
    [InlineData("Staging", "sk_live_1", "whsec_change-me", TestKeys.KeyEncryptionKey, "Stripe:WebhookSecret (env Stripe__WebhookSecret) still has a default value")]
    [InlineData("Staging", "sk_live_1", "whsec_live_1", "change-me", "DataProtection:KeyEncryptionKey (env DataProtection__KeyEncryptionKey) must be 32 random bytes in base64")]
    public async Task OutsideDevelopmentStartIsRefusedWithMissingOrDefaultSecrets(string environment, string? secretKey, string? webhookSecret, string? keyEncryptionKey, string expected)
    {
        using var folder = new TempFolder();
        var result = await ServeAsync(folder, environment, new Dictionary<string, string?>
        {
            ["Stripe__SecretKey"] = secretKey,
            ["Stripe__WebhookSecret"] = webhookSecret,
            ["DataProtection__KeyEncryptionKey"] = keyEncryptionKey,
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain(secretKey ?? "no secret", result.All.Replace(expected, ""));
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public async Task AProductionStartWithNothingSetNamesEveryMissingKeyOnce()
    {
        using var folder = new TempFolder();
        var result = await ServeAsync(folder, "Production", new Dictionary<string, string?>());

        Assert.NotEqual(0, result.ExitCode);
        string[] keys = ["Stripe__SecretKey", "Stripe__WebhookSecret", "DataProtection__KeyEncryptionKey", "Site__BaseUrl"];
        foreach (var key in keys)
        {
            Assert.Single(result.Error.Split('\n'), line => line.Contains(key, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task TheStripeEmulatorIsRefusedOutsideDevelopment(string environment)
    {
        using var folder = new TempFolder();
        var result = await ServeAsync(folder, environment, new Dictionary<string, string?>
        {
            ["Stripe__SecretKey"] = "sk_live_real",
            ["Stripe__WebhookSecret"] = "whsec_real",
            ["DataProtection__KeyEncryptionKey"] = TestKeys.KeyEncryptionKey,
            ["Stripe__Emulator__Enabled"] = "true",
            ["Site__BaseUrl"] = "https://shop.example.com",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Stripe__Emulator__Enabled", result.Error);
        Assert.Contains($"refused in {environment}", result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Theory]
    [InlineData(null, "whsec_emulator_local", "Stripe__SecretKey")]
    [InlineData("sk_test_emulator", null, "Stripe__WebhookSecret")]
    public async Task TheStripeEmulatorWithoutItsKeysNamesTheMissingOneInsteadOfCrashing(string? secretKey, string? webhookSecret, string missing)
    {
        using var folder = new TempFolder();
        var result = await ServeAsync(folder, "Development", new Dictionary<string, string?>
        {
            ["Stripe__SecretKey"] = secretKey,
            ["Stripe__WebhookSecret"] = webhookSecret,
            ["Stripe__Emulator__Enabled"] = "true",
            ["Site__BaseUrl"] = "http://127.0.0.1:5000",
        });

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains($"Stripe:Emulator:Enabled needs Stripe:{missing[8..]} (env {missing})", result.Error);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public async Task HealthEndpointsReportLivenessAndReadinessOfDatabaseAndStorage()
    {
        await using var app = await StorefrontApp.StartAsync(Db.Postgres);
        using var client = app.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadinessFailsWhenStorageCannotBeWritten()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("not-a-folder"), "a file where the storage root should be");
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["Storage:Root"] = folder.File("not-a-folder") });
        using var client = app.CreateHttpClient();

        var ready = await client.GetAsync("/health/ready");
        var text = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"storage\":{\"status\":\"Unhealthy\"", text);
        Assert.DoesNotContain(folder.Path, text); // no paths or exception details leak
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/no-such-page")]
    [InlineData("/health/live")]
    public async Task EveryResponseCarriesSecurityHeaders(string path)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = app.CreateHttpClient();

        var response = await client.GetAsync(path);

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // Development, plain HTTP
    }

    [Fact]
    public async Task BehindTheProxyForwardedHeadersAreTrustedAndHstsIsSentInProduction()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Site:BaseUrl"] = "https://shop.example.com",
            ["Proxy:KnownNetworks"] = "127.0.0.0/8",
        });
        using var recipe = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(recipe.Path));
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/products/book");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "shop.example.com");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<link rel=\"canonical\" href=\"https://shop.example.com/products/book\" />", html);
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task AConfiguredBaseUrlWinsForCanonicalLinks()
    {
        await using var app = await StorefrontApp.StartAsync(overrides: new Dictionary<string, string?> { ["Site:BaseUrl"] = "https://books.example.org/" });
        using var recipe = new TempFolder();
        await app.ImportAsync(new TestRecipe().Products(TestRecipe.Product("book", "Book")).WriteTo(recipe.Path));
        using var client = app.CreateHttpClient();

        var html = await client.GetStringAsync("/products/book");

        Assert.Contains("<link rel=\"canonical\" href=\"https://books.example.org/products/book\" />", html);
        Assert.Contains("content=\"https://books.example.org/media/covers/", html);
    }

    [Fact]
    public async Task ApiClientsGetProblemDetailsAndBrowsersGetTheThemedPage()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-endpoint");
        request.Headers.Add("Accept", "application/json");

        var api = await client.SendAsync(request);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        var page = await client.GetAsync("/no-such-endpoint");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET", "/no-such-endpoint", "text/plain", HttpStatusCode.NotFound)]
    [InlineData("GET", "/products/no-such-product", "application/xml", HttpStatusCode.NotFound)]
    [InlineData("GET", "/webhooks/stripe", "text/plain", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/licenses/verify", "application/rss+xml", HttpStatusCode.MethodNotAllowed)]
    public async Task AClientTakingNeitherHtmlNorJsonGetsTheErrorPageNotAFailure(string method, string path, string accept, HttpStatusCode status)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = app.CreateHttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("Accept", accept);

        var response = await client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        app.Logs.AssertNoErrors();
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("500")]
    [InlineData("123\u0000456")]
    public async Task AFormFieldNamedCodeOrAnUnreadableFormDoesNotChangeTheStatusOfTheErrorPage(string code)
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = await AdminSession.SignInAsync(app);

        // The two-factor form posted without its antiforgery token, as a page left open past its session would.
        var response = await client.PostAsync("/admin/account/two-factor?handler=Enable", new FormUrlEncodedContent([KeyValuePair.Create("Code", code)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bad request", await response.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task AFormPostedToAPageWithoutNamingOneOfItsActionsIsABadRequest()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = await AdminSession.SignInAsync(app);

        // The template page answers only ?handler=Save, Preview, Restore or Reset.
        var response = await AdminSession.PostFormAsync(client, "/admin/templates/home.intro", new() { ["Body"] = "Hello" }, "/admin/templates/home.intro");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bad request", await response.Content.ReadAsStringAsync());
        app.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task ThemeAssetsAreServedWithLongCaching()
    {
        await using var app = await StorefrontApp.StartAsync();
        using var client = app.CreateHttpClient();
        var html = await client.GetStringAsync("/");
        var css = System.Text.RegularExpressions.Regex.Match(html, "href=\"(/theme/site\\.css\\?v=[0-9a-f]+)\"").Groups[1].Value;

        var response = await client.GetAsync(css);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("prefers-color-scheme: dark", await response.Content.ReadAsStringAsync());
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
    }

    /// <summary>Runs <c>serve</c> as an operator would, on SQLite and file storage in the folder, with the given secrets.</summary>
    private static Task<ProcessResult> ServeAsync(TempFolder folder, string environment, Dictionary<string, string?> settings)
    {
        settings["ASPNETCORE_ENVIRONMENT"] = environment;
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}";
        settings["ConnectionStrings__Storefront"] = $"Data Source={folder.File("db.sqlite")}";
        settings["Storage__Root"] = folder.File("storage");
        settings["Email__From"] = "shop@example.com";
        return ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "serve"], folder.Path, settings, TimeSpan.FromSeconds(60));
    }
}
