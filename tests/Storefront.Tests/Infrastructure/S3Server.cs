using Amazon.Runtime;
using Amazon.S3;

namespace Storefront.Tests.Infrastructure;

/// <summary>A real S3-compatible server (s3rver, from tests/peers) on loopback, one per test run.</summary>
public sealed class S3Server
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    private static readonly Lazy<Task<S3Server>> Shared = new(StartAsync);

    private S3Server(int port) => Port = port;

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public static Task<S3Server> GetAsync() => Shared.Value;

    /// <summary>Creates an empty bucket for one test.</summary>
    public async Task<string> CreateBucketAsync()
    {
        var bucket = "sf-" + Guid.NewGuid().ToString("N")[..16];
        using var client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
        });
        await client.PutBucketAsync(bucket);
        return bucket;
    }

    private static async Task<S3Server> StartAsync()
    {
        var script = Path.Combine(RepoPaths.Peers, "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run the test command from the README (it installs tests/peers).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "storefront-s3-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var port = Ports.Free();
        ChildProcesses.AtExit(() => TempFolder.Delete(directory));
        // Shared by the whole run: the registry kills it when the test host exits.
        await OwnedProcess.StartServerAsync("node",
            [script, "-d", directory, "-a", "127.0.0.1", "-p", port.ToString(), "--no-vhost-buckets", "--silent"], port,
            // s3rver makes the continuation token of a truncated listing with DES, which OpenSSL 3 keeps in its legacy
            // provider: without it every listing of fewer keys than the bucket holds (a readiness probe's) answers 500.
            environment: new Dictionary<string, string?> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
        return new S3Server(port);
    }
}
