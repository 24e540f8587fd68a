using System.Diagnostics;
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

        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "Storefront.Stripe.Tests", "node", "stripe-sdk.cjs"));
        info.ArgumentList.Add(scenario);
        info.Environment["NODE_PATH"] = RepoPaths.Peers;
        info.Environment["STRIPE_HOST"] = apiBase.Host;
        info.Environment["STRIPE_PORT"] = apiBase.Port.ToString();
        info.Environment["STRIPE_KEY"] = apiKey;

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(input ?? new { }));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node stripe-sdk.cjs {scenario} exited {process.ExitCode}:\n{await error}\n{await output}");
        }

        using var document = JsonDocument.Parse(await output);
        return document.RootElement.Clone();
    }
}
