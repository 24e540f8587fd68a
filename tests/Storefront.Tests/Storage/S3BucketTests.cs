using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Media.Storage;
using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Storage;

/// <summary>
/// A fresh S3-compatible store has no bucket. The shop creates its own when it is missing (<c>Storage__S3__CreateBucket</c>,
/// on by default), several instances starting at once included; with the setting off it refuses to start, naming it.
/// </summary>
public sealed class S3BucketTests
{
    [Fact]
    public async Task TwoShopsStartingTogetherOnAStoreWithoutTheBucketCreateItAndStoreFiles()
    {
        var s3 = await S3Server.GetAsync();
        var settings = Settings(s3, "sf-new-" + Guid.NewGuid().ToString("N")[..12]);
        Assert.False(await BucketExistsAsync(s3, settings["Storage:S3:Bucket"]!));

        var started = await Task.WhenAll(StorefrontApp.StartAsync(overrides: settings), StorefrontApp.StartAsync(overrides: settings));
        await using var first = started[0];
        await using var second = started[1];

        Assert.True(await BucketExistsAsync(s3, settings["Storage:S3:Bucket"]!));
        using var recipe = new TempFolder();
        await first.ImportAsync(new TestRecipe().Products(TestRecipe.Product("bucketed", "Bucketed Guide")).WriteTo(recipe.Path));
        var masters = new List<BlobInfo>();
        await foreach (var blob in second.Services.GetRequiredService<IBlobStore>().ListAsync(BlobArea.Private))
        {
            masters.Add(blob);
        }

        Assert.Single(masters);
        using var client = second.CreateHttpClient();
        using var ready = await client.GetAsync("/health/ready");
        Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        first.Logs.AssertNoErrors();
        second.Logs.AssertNoErrors();
    }

    [Fact]
    public async Task WithCreateBucketOffAMissingBucketStopsTheStartWithOneLineNamingTheSetting()
    {
        var s3 = await S3Server.GetAsync();
        var bucket = "sf-absent-" + Guid.NewGuid().ToString("N")[..12];
        using var folder = new TempFolder();
        var environment = Settings(s3, bucket).ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value);
        environment["Storage__S3__CreateBucket"] = "false";

        var result = await ServeCommand.RunAsync(folder, environment);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.Contains(bucket, StringComparison.Ordinal));
        Assert.Contains("does not exist and Storage__S3__CreateBucket is false", line);
        Assert.DoesNotContain("   at ", result.All);
        Assert.False(await BucketExistsAsync(s3, bucket));
    }

    private static Dictionary<string, string?> Settings(S3Server s3, string bucket) => new()
    {
        ["Storage:Provider"] = "S3",
        ["Storage:S3:ServiceUrl"] = s3.ServiceUrl,
        ["Storage:S3:Bucket"] = bucket,
        ["Storage:S3:AccessKey"] = S3Server.AccessKey,
        ["Storage:S3:SecretKey"] = S3Server.SecretKey,
    };

    private static async Task<bool> BucketExistsAsync(S3Server s3, string bucket)
    {
        using var client = new HttpClient();
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{s3.ServiceUrl}/{bucket}"));
        return response.StatusCode == HttpStatusCode.OK;
    }
}
