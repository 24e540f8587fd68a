using System.Diagnostics;
using Npgsql;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster on loopback, started once per test run and removed at exit.
/// Each test asks for a fresh database of its own.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly string directory;
    private readonly string binaries;
    private readonly bool asRoot;

    private PostgresServer(string directory, string binaries, int port, bool asRoot)
    {
        this.directory = directory;
        this.binaries = binaries;
        this.asRoot = asRoot;
        Port = port;
    }

    public int Port { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "sf_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=40;Timeout=30";

    private static async Task<PostgresServer> StartAsync()
    {
        var binaries = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending()
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries were not found under /usr/lib/postgresql (apt-get install postgresql).");
        var asRoot = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), "storefront-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        if (asRoot)
        {
            // initdb refuses to run as root, so the cluster belongs to the postgres user.
            await Check(ProcessRunner.RunAsync("chown", ["postgres:postgres", directory]));
        }

        var port = Ports.Free();
        var server = new PostgresServer(directory, binaries, port, asRoot);
        // pg_ctl detaches the server from the test host, so nothing it starts dies with the host: stop it explicitly
        // at exit, and at once if starting fails halfway.
        ChildProcesses.AtExit(server.Stop);
        try
        {
            await Check(server.RunAsync("initdb", ["-D", server.Data, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]));
            await Check(server.RunAsync("pg_ctl", ["-D", server.Data, "-l", Path.Combine(directory, "log"), "-w",
                "-t", ((int)Patience.For(TimeSpan.FromSeconds(60)).TotalSeconds).ToString(), "-o",
                $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"]));
        }
        catch
        {
            server.Stop();
            throw;
        }

        return server;
    }

    private string Data => Path.Combine(directory, "data");

    private void Stop()
    {
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            {
                var stopped = RunAsync("pg_ctl", ["-D", Data, "-m", "immediate", "stop"]).GetAwaiter().GetResult();
                if (stopped.ExitCode != 0)
                {
                    KillPostmaster();
                }
            }

            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            KillPostmaster();
            Debug.WriteLine(ex);
        }
    }

    /// <summary>When pg_ctl cannot stop the cluster, its postmaster dies by signal; its backends notice and exit after it.</summary>
    private void KillPostmaster()
    {
        try
        {
            var pid = int.Parse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).First());
            using var postmaster = Process.GetProcessById(pid);
            postmaster.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or FormatException or InvalidOperationException or UnauthorizedAccessException)
        {
            Debug.WriteLine(ex);
        }
    }

    private Task<ProcessResult> RunAsync(string tool, string[] arguments) => asRoot
        ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(binaries, tool), .. arguments], workingDirectory: "/")
        : ProcessRunner.RunAsync(Path.Combine(binaries, tool), arguments);

    private static async Task Check(Task<ProcessResult> run)
    {
        var result = await run;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL setup failed ({result.ExitCode}): {result.All}");
        }
    }
}
