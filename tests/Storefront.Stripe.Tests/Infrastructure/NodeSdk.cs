using System.Text.Json;

namespace Storefront.Stripe.Tests.Infrastructure;

/// <summary>
/// Runs a scenario of node/stripe-sdk.cjs with the official Stripe Node SDK from tests/peers and returns
/// the JSON it prints. The SDK is the reference for Stripe's wire format: if the emulator drifts, it breaks here.
/// </summary>
public static class NodeSdk
{
    public static async Task<JsonElement> RunAsync(string scenario, Uri apiBase, string apiKey, object? input = null)
    {
        if (!File.Exists(Path.Combine(RepoPaths.Peers, "stripe", "package.json")))
        {
            throw new InvalidOperationException($"The Stripe Node SDK is not installed: run `npm ci` in {Path.GetDirectoryName(RepoPaths.Peers)}.");
        }

        var result = await ProcessRunner.RunAsync("node", [Path.Combine(RepoPaths.Root, "tests", "Storefront.Stripe.Tests", "node", "stripe-sdk.cjs"), scenario],
            environment: new Dictionary<string, string?>
            {
                ["NODE_PATH"] = RepoPaths.Peers,
                ["STRIPE_HOST"] = apiBase.Host,
                ["STRIPE_PORT"] = apiBase.Port.ToString(),
                ["STRIPE_KEY"] = apiKey,
            },
            timeout: TimeSpan.FromSeconds(30), input: JsonSerializer.Serialize(input ?? new { }));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"node stripe-sdk.cjs {scenario} exited {result.ExitCode}:\n{result.Error}\n{result.Output}");
        }

        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }
}
