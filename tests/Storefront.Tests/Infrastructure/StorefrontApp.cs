using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// The real application on a real Kestrel port with its own database and storage folder.
/// Everything a test needs to differ is plain configuration, as an operator would set it.
/// </summary>
public sealed class StorefrontApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? faults;

    private StorefrontApp(TempFolder folder, Dictionary<string, string?> settings, Action<IServiceCollection>? faults)
    {
        Folder = folder;
        this.settings = settings;
        this.faults = faults;
        // The port comes from the "urls" setting below, not UseKestrel(port): with a port the factory
        // rewrites the server's addresses after the app has begun starting Kestrel on its own thread,
        // which intermittently throws "Addresses cannot be modified after the server has started".
        UseKestrel();
    }

    public TempFolder Folder { get; }

    public LogCollector Logs { get; } = new();

    public IReadOnlyDictionary<string, string?> Settings => settings;

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Starts the app on SQLite or PostgreSQL with file-system storage under a temporary folder.</summary>
    /// <param name="faults">Adds services that inject a fault at one exact moment (e.g. a client hanging up mid-query); never replaces the app's own.</param>
    public static async Task<StorefrontApp> StartAsync(Db db = Db.Sqlite, IDictionary<string, string?>? overrides = null, TempFolder? folder = null,
        Action<IServiceCollection>? faults = null)
    {
        folder ??= new TempFolder();
        var settings = await TestDatabase.CreateAsync(db, folder);
        settings["Storage:Provider"] = "FileSystem";
        settings["Storage:Root"] = folder.File("storage");
        settings["Stripe:SecretKey"] = TestStripe.SecretKey;
        settings["Stripe:WebhookSecret"] = TestStripe.WebhookSecret;
        settings["Stripe:ApiBase"] = "http://127.0.0.1:9"; // nothing listens: tests that pay start an emulator
        settings["Email:From"] = "shop@example.com";
        settings["Email:PickupDirectory"] = folder.File("mail");
        settings["DataProtection:KeyEncryptionKey"] = TestKeys.KeyEncryptionKey;
        settings["Outbox:PollInterval"] = "00:00:00.200";
        settings["Outbox:FirstRetryDelay"] = "00:00:00.200";
        // Hundreds of shops share one test process, whose heap a full compacting collection would stop for seconds; the
        // trim is measured on the published shop by the load benchmark instead.
        settings["Memory:TrimWhenIdle"] = "false";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = new StorefrontApp(folder, settings, faults);
        app.StartServer();
        return app;
    }

    /// <summary>Imports a recipe through the running app's own importer.</summary>
    public async Task<Storefront.Core.Recipes.RecipeResult> ImportAsync(string recipePath)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Storefront.Core.Recipes.RecipeImporter>().ImportFileAsync(recipePath);
    }

    public async Task<T> WithDbAsync<T>(Func<Storefront.Core.Data.StorefrontDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<Storefront.Core.Data.StorefrontDbContext>());
    }

    public HttpClient CreateHttpClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>Runs the same binary's command line against this app's database and storage, as an operator would.</summary>
    public Task<ProcessResult> RunCliAsync(params string[] arguments) => ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, .. arguments],
        workingDirectory: Folder.Path,
        environment: new Dictionary<string, string?>(settings.Where(kv => kv.Key != "environment").Select(kv => KeyValuePair.Create(kv.Key.Replace(":", "__"), kv.Value)))
        {
            ["ASPNETCORE_ENVIRONMENT"] = settings.GetValueOrDefault("environment") ?? "Development",
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(settings.GetValueOrDefault("environment") ?? "Development");
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        if (faults is not null)
        {
            builder.ConfigureServices(faults);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // Npgsql keeps a stopped shop's idle connections pooled for minutes; across hundreds of shops they would use up the
        // server's connection slots, so each shop gives its own back when it stops.
        if (settings.GetValueOrDefault("Database:Provider") == "Postgres" && settings.GetValueOrDefault("ConnectionStrings:Storefront") is { } connection)
        {
            using var pooled = new Npgsql.NpgsqlConnection(connection);
            Npgsql.NpgsqlConnection.ClearPool(pooled);
        }

        Folder.Dispose();
    }
}
