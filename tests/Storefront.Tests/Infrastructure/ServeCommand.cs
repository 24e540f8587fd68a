namespace Storefront.Tests.Infrastructure;

/// <summary>The <c>serve</c> command as an operator runs it, for checks that a bad setting stops start with a message.</summary>
public static class ServeCommand
{
    /// <summary>
    /// Runs <c>serve</c> in Development on SQLite and file storage in <paramref name="folder"/>, with the test
    /// secrets and <paramref name="settings"/> (environment names) on top, until it exits or 60 s pass.
    /// </summary>
    public static Task<ProcessResult> RunAsync(TempFolder folder, IDictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Ports.Free()}",
            ["ConnectionStrings__Storefront"] = $"Data Source={folder.File("db.sqlite")}",
            ["Storage__Root"] = folder.File("storage"),
            ["Stripe__SecretKey"] = TestStripe.SecretKey,
            ["Stripe__WebhookSecret"] = TestStripe.WebhookSecret,
            ["Email__From"] = "shop@example.com",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "serve"], folder.Path, environment, TimeSpan.FromSeconds(60));
    }
}
