using Npgsql;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster on loopback, started once per test run and removed at exit.
/// Each test asks for a fresh database of its own.
/// </summary>
/// <remarks>
/// The server runs in the foreground as a child of the test host rather than detached by pg_ctl: a detached
/// cluster outlived every test host that was killed before its exit hook finished, a child dies with the host.
/// </remarks>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(int port) => Port = port;

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
        var directory = Path.Combine(Path.GetTempPath(), "storefront-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(directory);
        OwnedProcess? server = null;
        ChildProcesses.AtExit(() => TempFolder.Delete(directory));
        try
        {
            if (Environment.UserName == "root")
            {
                // PostgreSQL refuses to run as root, so the cluster belongs to the postgres user.
                await Check(ProcessRunner.RunAsync("chown", ["postgres:postgres", directory]));
            }

            await Check(ProcessRunner.RunAsync(Tool(binaries, "initdb", out var initdb),
                [.. initdb, "-D", data, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], workingDirectory: "/"));
            var port = Ports.Free();
            server = await OwnedProcess.StartServerAsync(Tool(binaries, "postgres", out var postgres),
            [
                .. postgres, "-D", data, "-c", "listen_addresses=127.0.0.1", "-p", port.ToString(), "-k", directory,
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300",
            ], port, workingDirectory: "/");
            var started = new PostgresServer(port);
            await started.WaitUntilAcceptingAsync(server);
            return started;
        }
        catch
        {
            server?.Dispose();
            TempFolder.Delete(directory);
            throw;
        }
    }

    /// <summary>Listening is not yet ready: until recovery ends the server refuses sessions ("starting up").</summary>
    private async Task WaitUntilAcceptingAsync(OwnedProcess server)
    {
        var limit = Patience.For(TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException ex) when (!server.HasExited && DateTime.UtcNow < deadline)
            {
                System.Diagnostics.Debug.WriteLine(ex.Message);
                await Task.Delay(100);
            }
            catch (NpgsqlException ex)
            {
                throw new InvalidOperationException($"PostgreSQL did not accept sessions within {Patience.Describe(limit)}: {ex.Message}\n{server.Diagnostics}", ex);
            }
        }
    }

    /// <summary>
    /// Runs a PostgreSQL program as the postgres user when the tests run as root. setpriv changes user and then execs
    /// the program itself, so the server stays the test host's own child, under the same parent-death signal.
    /// </summary>
    private static string Tool(string binaries, string name, out string[] prefix)
    {
        var program = Path.Combine(binaries, name);
        if (Environment.UserName != "root")
        {
            prefix = [];
            return program;
        }

        prefix = ["--reuid=postgres", "--regid=postgres", "--init-groups", "--pdeathsig", "KILL", "--", program];
        return "setpriv";
    }


    private static async Task Check(Task<ProcessResult> run)
    {
        var result = await run;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL setup failed ({result.ExitCode}): {result.All}");
        }
    }
}
