using System.Text.Json;

namespace Storefront.Tests.Bench;

/// <summary>
/// The load benchmark's smoke (<c>SMOKE=1 bench/load/run.sh</c>): every step runs on the published shop with tiny
/// durations. It checks that the benchmark works, not its figures, which only mean something on a quiet machine.
/// </summary>
public sealed class LoadBenchmarkSmokeTests
{
    [Fact]
    public async Task TheLoadBenchmarkRunsEveryStepOnThePublishedShopNextToNginx()
    {
        using var folder = new TempFolder();
        var results = folder.File("load.md");
        var run = await ProcessRunner.RunAsync("bash", [Path.Combine(RepoPaths.Root, "bench", "load", "run.sh")], RepoPaths.Root,
            new Dictionary<string, string?> { ["SMOKE"] = "1", ["RESULTS"] = results }, TimeSpan.FromMinutes(10));

        Assert.True(run.ExitCode == 0, run.All);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(results, ".json")));
        var root = json.RootElement;
        Assert.Empty(root.GetProperty("failures").EnumerateArray());
        Assert.Equal([1, 8, 32], root.GetProperty("gate").EnumerateArray().Select(g => g.GetProperty("connections").GetInt32()));
        Assert.All(root.GetProperty("gate").EnumerateArray(), g => Assert.True(g.GetProperty("requests").GetInt64() > 0));
        Assert.Equal(4, root.GetProperty("pages").GetArrayLength());
        var copies = root.GetProperty("copies").EnumerateArray().ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("problem").ValueKind));
        Assert.Single(root.GetProperty("coldStartsMs").EnumerateArray());
        Assert.True(root.GetProperty("memory").GetProperty("idleAfterStartMb").GetDouble() > 0);

        var report = await File.ReadAllTextAsync(results);
        Assert.Contains("## Download gate (stamped 20-page copies)", report);
        Assert.Contains("### Where a copy's time goes at 8 connections", report);
        Assert.Contains("## Targets", report);
    }
}
