using System.Text.Json;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// One instance of the published binary (<c>artifacts/publish/StorefrontHost serve</c>) as an operator runs it, on a
/// fixed port, writing its log to a file of its own for each life. It can be killed outright and started again on the
/// same port; every life is stopped with the test.
/// </summary>
public sealed class PublishedShop(string name, int port, IReadOnlyDictionary<string, string?> environment, string logFolder) : IAsyncDisposable
{
    private readonly List<ShopLife> lives = [];

    /// <summary>Where <c>scripts/test.sh</c> publishes the shop after the Release build.</summary>
    public static string PublishFolder => Path.Combine(RepoPaths.Root, "artifacts", "publish");

    public static string Binary => Path.Combine(PublishFolder, "StorefrontHost");

    public string Name { get; } = name;

    public Uri Address { get; } = new($"http://127.0.0.1:{port}");

    /// <summary>The current life's process id (the sweeper's lease names its holder by it).</summary>
    public int ProcessId => Current.Process.Process.Id;

    public bool IsRunning => lives.Count > 0 && !Current.Killed && !Current.Process.HasExited;

    private ShopLife Current => lives[^1];

    /// <summary>Fails with the command that makes the binary when it is missing, rather than with a process error.</summary>
    public static void RequirePublished()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing: publish the shop first with `dotnet publish src/StorefrontHost -c Release -o artifacts/publish` "
                + "(scripts/test.sh does it after the Release build).");
        }
    }

    /// <summary>Runs a command of the same binary (<c>recipe import</c>, <c>admin create</c>) with this shop's settings.</summary>
    public static async Task RunCommandAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(Binary, [.. arguments, $"--contentRoot={PublishFolder}"], PublishFolder,
            new Dictionary<string, string?>(environment), TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, $"StorefrontHost {string.Join(' ', arguments)} exited {result.ExitCode}: {result.All}");
    }

    /// <summary>Starts a new life and waits until it answers <c>/health/ready</c> with 200.</summary>
    public async Task StartAsync()
    {
        var log = Path.Combine(logFolder, $"{Name}.{lives.Count + 1}.log");
        // exec keeps the process id the shop's own, so killing it kills the shop and the log sees every line it wrote.
        var process = OwnedProcess.Start("/bin/sh", ["-c", "exec \"$0\" serve --contentRoot=\"$1\" >>\"$2\" 2>&1", Binary, PublishFolder, log],
            PublishFolder, new Dictionary<string, string?>(environment) { ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/') });
        var life = new ShopLife(process, log);
        lives.Add(life);
        // Patient per probe too: on a loaded machine the first checks take seconds, and a probe that gives up aborts them.
        using var http = new HttpClient { Timeout = Patience.For(TimeSpan.FromSeconds(30)) };
        var limit = Patience.For(TimeSpan.FromSeconds(60));
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            Assert.False(process.HasExited, $"{Name} exited before it was ready:\n{Tail(log)}");
            Assert.True(DateTime.UtcNow < deadline, $"{Name} was not ready within {Patience.Describe(limit)}:\n{Tail(log)}");
            try
            {
                using var ready = await http.GetAsync(new Uri(Address, "/health/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL, as a crash or an OOM kill would: no shutdown, whatever was in flight is cut off.</summary>
    public void Kill()
    {
        Current.Killed = true;
        Current.Process.Kill();
    }

    /// <summary>The lines of every life's log that report an error, except a killed life's cut-off last line.</summary>
    public IReadOnlyList<string> LoggedErrors() => lives.SelectMany(life => ErrorsIn(life)).ToList();

    /// <summary>Every log line of every life so far, oldest first.</summary>
    public IReadOnlyList<string> LogLines() => lives.SelectMany(life => ReadLog(life.Log).Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();

    public ValueTask DisposeAsync()
    {
        foreach (var life in lives)
        {
            life.Process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static IEnumerable<string> ErrorsIn(ShopLife life)
    {
        var lines = ReadLog(life.Log).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var cutOff = life.Killed && i == lines.Length - 1;
            if (!IsJson(lines[i], out var level))
            {
                // Outside Production's JSON lines only the runtime itself writes (an unhandled exception): an error.
                if (!cutOff)
                {
                    yield return lines[i];
                }
            }
            else if (level is "Error" or "Critical")
            {
                yield return lines[i];
            }
        }
    }

    private static bool IsJson(string line, out string? level)
    {
        level = null;
        try
        {
            using var json = JsonDocument.Parse(line);
            level = json.RootElement.TryGetProperty("LogLevel", out var value) ? value.GetString() : null;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The end of a log, for a failure message (a start that fails may repeat one error many times).</summary>
    private static string Tail(string path)
    {
        var log = ReadLog(path);
        return log.Length > 8000 ? "…" + log[^8000..] : log;
    }

    private static string ReadLog(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        // The shop is still appending: share the file rather than lock it.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    private sealed class ShopLife(OwnedProcess process, string log)
    {
        public OwnedProcess Process { get; } = process;

        public string Log { get; } = log;

        public bool Killed { get; set; }
    }
}
