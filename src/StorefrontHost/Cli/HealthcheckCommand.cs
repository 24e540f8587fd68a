using System.CommandLine;

namespace Storefront.Host.Cli;

/// <summary>
/// <c>healthcheck</c>: asks the shop running on this machine for <c>/health/ready</c> and exits 0 when it answers 200
/// (Healthy or Degraded), 1 otherwise. For a container's health check: the runtime image has no curl or wget, and the
/// shop's own binary knows where it listens (<c>ASPNETCORE_URLS</c> or <c>--urls</c>). It builds nothing and opens no database.
/// </summary>
internal static class HealthcheckCommand
{
    public static Command Create()
    {
        var command = new Command("healthcheck", "Ask the shop on this machine for /health/ready (exit 0 ready, 1 not): a container health check without curl.");
        command.SetAction((parsed, cancellationToken) =>
            CheckAsync(ReadyAddress(parsed.UnmatchedTokens, Environment.GetEnvironmentVariable("ASPNETCORE_URLS")), cancellationToken));
        return command;
    }

    /// <summary>The first address the shop listens on, with a wildcard host (0.0.0.0, +, *, [::]) asked on loopback.</summary>
    internal static Uri ReadyAddress(IReadOnlyList<string> hostArguments, string? environmentUrls)
    {
        var urls = environmentUrls;
        for (var i = 0; i < hostArguments.Count; i++)
        {
            if (hostArguments[i] is "--urls" && i + 1 < hostArguments.Count)
            {
                urls = hostArguments[i + 1];
            }
            else if (hostArguments[i].StartsWith("--urls=", StringComparison.Ordinal))
            {
                urls = hostArguments[i]["--urls=".Length..];
            }
        }

        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://localhost:5000";
        var wildcard = first.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1");
        return new Uri(new Uri(wildcard.TrimEnd('/') + "/"), "health/ready");
    }

    private static async Task<int> CheckAsync(Uri address, CancellationToken cancellationToken)
    {
        // Below the compose file's 15 s limit for the whole check, start-up of this process included.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await client.GetAsync(address, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Console.WriteLine($"{address}: {(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{address}: not reachable ({ex.Message})");
            return 1;
        }
    }
}
