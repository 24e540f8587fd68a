using System.Collections.Concurrent;
using System.Diagnostics;

namespace Storefront.Testing;

/// <summary>
/// Every process a test starts, so that none outlives the test host: each is killed with its whole tree by its
/// owner, and whatever is still registered when the host exits is killed then. A host killed outright runs no
/// exit handlers, so children are also started under a parent-death signal where Linux offers one.
/// </summary>
public static class ChildProcesses
{
    private const string Setpriv = "/usr/bin/setpriv";
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private static readonly ConcurrentStack<Action> ExitActions = new();
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = new();

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
        // The parent-death signal follows the thread that forked the child, not the process: a pool thread
        // retiring after idling would take its children with it. One thread that lives as long as the host starts them all.
        new Thread(StartRequested) { IsBackground = true, Name = "test child processes" }.Start();
    }

    /// <summary>Starts and registers a process; its owner kills it with <see cref="Stop"/>.</summary>
    public static Process Start(ProcessStartInfo info)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task.GetAwaiter().GetResult();
    }

    /// <summary>Kills the process and everything it started, waits briefly for it to be gone, and forgets it.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(Patience.For(TimeSpan.FromSeconds(10)));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Exited between the check and the kill, or never started: nothing left to stop.
            Debug.WriteLine(ex);
        }
        finally
        {
            Running.TryRemove(process.Id, out _);
        }
    }

    /// <summary>Runs <paramref name="cleanUp"/> when the host exits, after every child was killed (a server's data folder).</summary>
    public static void AtExit(Action cleanUp) => ExitActions.Push(cleanUp);

    private static void StartRequested()
    {
        foreach (var (info, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                var process = Process.Start(WithParentDeathSignal(info)) ?? throw new InvalidOperationException($"{info.FileName} did not start.");
                started.SetResult(Register(process));
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }

    private static Process Register(Process process)
    {
        Running[process.Id] = process;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => Running.TryRemove(KeyValuePair.Create(process.Id, process));
        return process;
    }

    /// <summary>setpriv sets the signal and then execs the program itself, so the process id, exit code and pipes stay the program's own.</summary>
    private static ProcessStartInfo WithParentDeathSignal(ProcessStartInfo info)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Setpriv))
        {
            return info;
        }

        List<string> arguments = ["--pdeathsig", "KILL", "--", info.FileName, .. info.ArgumentList];
        info.FileName = Setpriv;
        info.ArgumentList.Clear();
        arguments.ForEach(info.ArgumentList.Add);
        return info;
    }

    private static void StopAll()
    {
        // Killing comes first: vstest kills a finished host after 100 ms unless VSTEST_TESTHOST_SHUTDOWN_TIMEOUT allows more.
        foreach (var process in Running.Values)
        {
            Stop(process);
        }

        while (ExitActions.TryPop(out var cleanUp))
        {
            try
            {
                cleanUp();
            }
            catch (Exception ex)
            {
                // One folder that cannot be removed must not keep the rest in place.
                Debug.WriteLine(ex);
            }
        }
    }
}
