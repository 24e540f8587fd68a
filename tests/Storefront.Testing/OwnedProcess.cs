using System.Diagnostics;
using System.Text;

namespace Storefront.Testing;

/// <summary>
/// A process a test started and owns: its output is kept for failure messages, and disposing it kills it with
/// everything it started, on success, failure and timeout alike.
/// </summary>
public sealed class OwnedProcess : IDisposable, IAsyncDisposable
{
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private int disposed;

    private OwnedProcess(Process process, string description)
    {
        Process = process;
        Description = description;
    }

    public Process Process { get; }

    /// <summary>The command line as the test gave it, for messages.</summary>
    public string Description { get; }

    public bool HasExited => Process.HasExited;

    public string StandardOutput => Read(output);

    public string StandardError => Read(error);

    /// <summary>Both streams, for a failure message.</summary>
    public string Diagnostics => StandardOutput + StandardError;

    public static OwnedProcess Start(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null, bool redirectInput = false)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        var argumentList = arguments.ToList();
        argumentList.ForEach(info.ArgumentList.Add);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        var owned = new OwnedProcess(ChildProcesses.Start(info), string.Join(' ', [file, .. argumentList]));
        owned.Process.OutputDataReceived += (_, e) => Append(owned.output, e.Data);
        owned.Process.ErrorDataReceived += (_, e) => Append(owned.error, e.Data);
        owned.Process.BeginOutputReadLine();
        owned.Process.BeginErrorReadLine();
        return owned;
    }

    /// <summary>Starts a server and waits until it listens on <paramref name="port"/>; one that never does is killed at once.</summary>
    public static async Task<OwnedProcess> StartServerAsync(string file, IEnumerable<string> arguments, int port, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null)
    {
        var server = Start(file, arguments, workingDirectory, environment);
        try
        {
            await server.WaitUntilListeningAsync(port);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Waits until the process accepts connections on <paramref name="port"/>; fails at once if it exits first.</summary>
    public Task WaitUntilListeningAsync(int port, TimeSpan? baseline = null) =>
        Ports.WaitUntilListeningAsync(port, baseline ?? Ports.DefaultStartTimeout, () => $"{Description}\n{Diagnostics}", () => Process.HasExited);

    /// <summary>Waits for the process to end by itself; past the (load-scaled) limit it is killed and the wait fails.</summary>
    public async Task<ProcessResult> WaitForExitAsync(TimeSpan baseline)
    {
        var limit = Patience.For(baseline);
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await Process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Description} did not finish within {Patience.Describe(limit)}.\n{Diagnostics}");
        }

        // The parameterless wait also waits for the redirected streams to be read to their end.
        Process.WaitForExit();
        return new ProcessResult(Process.ExitCode, StandardOutput, StandardError);
    }

    /// <summary>Kills the process tree now, as a crash would, and waits until it is gone.</summary>
    public void Kill() => ChildProcesses.Stop(Process);

    public void Dispose()
    {
        // Owners dispose on their own path and again from the exit hook; the second call must be harmless.
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Kill();
            Process.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is not null)
        {
            lock (to)
            {
                to.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder from)
    {
        lock (from)
        {
            return from.ToString();
        }
    }
}
