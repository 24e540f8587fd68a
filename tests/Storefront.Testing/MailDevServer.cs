using System.Net.Http.Json;
using System.Text.Json;

namespace Storefront.Testing;

/// <summary>
/// A real SMTP server (maildev, from tests/peers) on loopback ports, one per test class. Received
/// messages are read back through its REST API.
/// </summary>
public class MailDevServer : Xunit.IAsyncLifetime
{
    private readonly TempFolder folder = new("storefront-maildev");
    private OwnedProcess? process;
    private HttpClient? http;

    public int SmtpPort { get; } = Ports.Free();

    public int WebPort { get; } = Ports.Free();

    /// <summary>Login the server demands, or null for an open server.</summary>
    protected virtual (string User, string Password)? RequiredLogin => null;

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepoPaths.Peers, "maildev", "dist", "bin", "maildev.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: run `npm ci` in tests/peers.");
        }

        // --ip and --web-ip: maildev listens on every interface unless told otherwise.
        List<string> arguments = [script, "--smtp", SmtpPort.ToString(), "--ip", "127.0.0.1", "--web", WebPort.ToString(),
            "--web-ip", "127.0.0.1", "--mail-directory", folder.Path];
        if (RequiredLogin is var (user, password))
        {
            arguments.AddRange(["--incoming-user", user, "--incoming-pass", password]);
        }

        process = OwnedProcess.Start("node", arguments);
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}/"), Timeout = Patience.For(TimeSpan.FromSeconds(10)) };
        // A fixture whose start failed may never be disposed: the process must not outlive that failure.
        try
        {
            await process.WaitUntilListeningAsync(SmtpPort);
            await process.WaitUntilListeningAsync(WebPort);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>The message whose Message-ID header is <paramref name="messageId"/>, waiting briefly for it to be stored.</summary>
    public async Task<JsonElement> WaitForMessageAsync(string messageId)
    {
        var limit = Patience.For(TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var all = await ListAsync();
            var match = all.EnumerateArray()
                .Where(m => m.GetProperty("headers").TryGetProperty("message-id", out var id) && id.GetString() == messageId)
                .ToList();
            if (match.Count > 0 || DateTime.UtcNow > deadline)
            {
                return match.Count > 0 ? match[^1] : throw new TimeoutException($"maildev did not receive {messageId} within {Patience.Describe(limit)}. {process?.Diagnostics}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>How many stored messages carry this Message-ID.</summary>
    public async Task<int> CountAsync(string messageId)
    {
        var all = await ListAsync();
        return all.EnumerateArray().Count(m => m.GetProperty("headers").TryGetProperty("message-id", out var id) && id.GetString() == messageId);
    }

    /// <summary>The raw message as maildev received it, before its viewer sanitises the HTML.</summary>
    public Task<string> SourceAsync(JsonElement message) =>
        http!.GetStringAsync($"api/email/{message.GetProperty("id").GetString()}/source");

    public Task DisposeAsync()
    {
        process?.Dispose();
        http?.Dispose();
        folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Every stored message; a refused connection says whether maildev is still running and what it printed.</summary>
    private async Task<JsonElement> ListAsync()
    {
        try
        {
            return await http!.GetFromJsonAsync<JsonElement>("api/email");
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"maildev's API did not answer ({ex.Message}); its process "
                + (process?.Process.HasExited == true ? $"exited with {process.Process.ExitCode}" : "is still running") + $".\n{process?.Diagnostics}", ex);
        }
    }
}

/// <summary>maildev demanding a login, as a hosted mail provider does.</summary>
public sealed class AuthenticatingMailDevServer : MailDevServer
{
    public const string User = "shop";
    public const string Password = "s3cret-Passw0rd";

    protected override (string User, string Password)? RequiredLogin => (User, Password);
}
