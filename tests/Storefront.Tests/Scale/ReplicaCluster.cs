using Npgsql;
using Storefront.StripeEmulator;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Scale;

/// <summary>
/// The scale-out layout of the compose file, for real on loopback: three instances of the published binary in
/// Production on one PostgreSQL database and one s3rver bucket, behind Debian's nginx, with one Stripe emulator whose
/// webhooks go to the proxy and one SMTP server. Set up once for all the replica tests.
/// </summary>
public sealed class ReplicaCluster : IAsyncLifetime
{
    public const string AdminEmail = "owner@replicas.example.com";
    public const string MailDomain = "replicas.example.com";

    private readonly TempFolder folder = new("storefront-replicas");
    private readonly MailDevServer mail = new();
    private RunningStripeEmulator? stripe;
    private NginxProxy? proxy;
    private readonly Dictionary<string, string?> environment = [];

    public IReadOnlyList<PublishedShop> Replicas { get; private set; } = [];

    public NginxProxy Proxy => proxy!;

    public RunningStripeEmulator Stripe => stripe!;

    public MailDevServer Mail => mail;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        PublishedShop.RequirePublished();
        var postgres = await PostgresServer.GetAsync();
        var s3 = await S3Server.GetAsync();
        ConnectionString = await postgres.CreateDatabaseAsync();
        var bucket = await s3.CreateBucketAsync();
        await mail.InitializeAsync();
        stripe = await StripeEmulatorServer.StartAsync(new StripeEmulatorOptions
        {
            ApiKeys = [TestStripe.SecretKey],
            WebhookSecret = TestStripe.WebhookSecret,
            DisplayName = "Field Guides",
        });
        var proxyPort = Ports.Free();
        var site = new Uri($"http://127.0.0.1:{proxyPort}");
        // Stripe knows the shop by its public address only: every delivery goes through the proxy.
        stripe.Options.WebhookUrl = new Uri(site, "/webhooks/stripe").ToString();

        foreach (var (key, value) in Settings(site, bucket, s3.ServiceUrl))
        {
            environment[key] = value;
        }

        var recipe = await WriteRecipeAsync();
        await PublishedShop.RunCommandAsync(environment, "recipe", "import", recipe);
        await PublishedShop.RunCommandAsync(environment, "admin", "create", $"--email={AdminEmail}", $"--password={AdminSession.Password}");

        Replicas = Enumerable.Range(1, 3).Select(i => new PublishedShop($"replica-{i}", Ports.Free(), environment, folder.Path)).ToList();
        // Started together, as an orchestrator starts them.
        await Task.WhenAll(Replicas.Select(r => r.StartAsync()));
        proxy = await NginxProxy.StartAsync(proxyPort, Replicas.Select(r => r.Address));
    }

    /// <summary>What each instance is started with: Production, every secret set, nothing shared but the database and the bucket.</summary>
    private Dictionary<string, string?> Settings(Uri site, string bucket, string s3Url) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Storefront"] = ConnectionString,
        ["Storage__Provider"] = "S3",
        ["Storage__S3__ServiceUrl"] = s3Url,
        ["Storage__S3__Bucket"] = bucket,
        ["Storage__S3__AccessKey"] = S3Server.AccessKey,
        // s3rver checks no v4 signature, and Production refuses its well-known secret: any other value serves.
        ["Storage__S3__SecretKey"] = "replica-s3-secret-" + Guid.NewGuid().ToString("N"),
        ["Stripe__SecretKey"] = TestStripe.SecretKey,
        ["Stripe__WebhookSecret"] = TestStripe.WebhookSecret,
        ["Stripe__ApiBase"] = stripe!.BaseUrl.ToString().TrimEnd('/'),
        ["DataProtection__KeyEncryptionKey"] = TestKeys.KeyEncryptionKey,
        ["Site__BaseUrl"] = site.ToString().TrimEnd('/'),
        ["Proxy__KnownNetworks"] = "127.0.0.1/32",
        ["SecurityHeaders__FormActionSources"] = stripe.BaseUrl.GetLeftPart(UriPartial.Authority),
        ["Email__From"] = $"shop@{MailDomain}",
        ["Email__Smtp__Host"] = "127.0.0.1",
        ["Email__Smtp__Port"] = mail.SmtpPort.ToString(),
        ["Email__Smtp__EnableSsl"] = "false",
        ["Outbox__PollInterval"] = "00:00:00.500",
        // A receipt claimed by a replica that then died is sent by another once the claim runs out; longer than the
        // SMTP deadline (30 s), so a slow send is never claimed twice.
        ["Outbox__LockDuration"] = "00:00:35",
        ["Settings__PollInterval"] = "00:00:01",
        ["Reconciliation__Interval"] = "00:00:02",
        // At least the link's uses, so that only the uses decide how many of many simultaneous copies go out.
        ["Downloads__MaxConcurrentStreams"] = "4",
        // Every test client comes from 127.0.0.1; the per-address limits are tested elsewhere.
        ["RateLimits__Checkout__PermitLimit"] = "1000",
        ["RateLimits__Downloads__PermitLimit"] = "1000",
        ["RateLimits__Success__PermitLimit"] = "1000",
    };

    /// <summary>The small corpus guide (3 uses) and a large album whose copy takes long enough to be cut off mid-way.</summary>
    private async Task<string> WriteRecipeAsync()
    {
        var recipeFolder = folder.File("recipe");
        Directory.CreateDirectory(recipeFolder);
        var album = TestRecipe.Product("album", "Photo Album");
        album["master"] = "media/album.pdf";
        var recipe = new TestRecipe().Settings("Field Guides").Products(TestRecipe.Product("field-guide", "Field Guide"), album).WriteTo(recipeFolder);
        await using var master = File.Create(Path.Combine(recipeFolder, "media", "album.pdf"));
        await new GeneratedPdf(pages: 4, width: 2048, height: 2048).Open().CopyToAsync(master);
        return recipe;
    }

    public async Task<T> QueryAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(result!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The receipt's Message-ID for an order number (as the shop makes it from <c>Email__From</c>).</summary>
    public static string ReceiptMessageId(long orderNumber) => $"<receipt.{orderNumber}@{MailDomain}>";

    /// <summary>Fails naming every error line any replica logged (a killed life's cut-off last line excepted).</summary>
    public void AssertNoErrorsLogged()
    {
        var errors = Replicas.SelectMany(r => r.LoggedErrors().Select(line => $"{r.Name}: {(line.Length > 1500 ? line[..1500] + " …" : line)}")).ToList();
        Assert.True(errors.Count == 0, $"Replicas logged {errors.Count} errors; the first:\n" + string.Join("\n", errors.Take(5)));
    }

    /// <summary>Restarts every replica that is not running (after a kill) and waits until each is ready.</summary>
    public Task RestartStoppedAsync() => Task.WhenAll(Replicas.Where(r => !r.IsRunning).Select(r => r.StartAsync()));

    public async Task DisposeAsync()
    {
        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }

        foreach (var replica in Replicas)
        {
            await replica.DisposeAsync();
        }

        if (stripe is not null)
        {
            await stripe.DisposeAsync();
        }

        await mail.DisposeAsync();
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        folder.Dispose();
    }
}
