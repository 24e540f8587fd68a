using Storefront.Tests.Infrastructure;

namespace Storefront.Tests.Suite;

/// <summary>No process a test starts outlives its owner, whether the test ends well, fails or times out.</summary>
public sealed class ChildProcessTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task DisposingAProcessKillsEverythingItStarted()
    {
        int shell;
        int grandchild;
        using (var process = OwnedProcess.Start("sh", ["-c", "sleep 300 & echo $!; wait"]))
        {
            shell = process.Process.Id;
            await Eventually.HoldsAsync(() => Task.FromResult(process.StandardOutput.Trim().Length > 0), "The shell reporting its child");
            grandchild = int.Parse(process.StandardOutput.Trim());
            Assert.True(IsAlive(grandchild));
        }

        Assert.False(IsAlive(shell));
        await Eventually.HoldsAsync(() => Task.FromResult(!IsAlive(grandchild)), "The grandchild ending with its parent");
    }

    [Fact]
    public async Task AProgramPastItsTimeLimitIsKilledAndTheWaitFails()
    {
        var pidFile = folder.File("pid");
        var failed = await Assert.ThrowsAsync<TimeoutException>(() =>
            ProcessRunner.RunAsync("sh", ["-c", $"echo $$ > {pidFile}; exec sleep 300"], timeout: TimeSpan.FromMilliseconds(300)));

        Assert.Contains("did not finish within", failed.Message);
        Assert.False(IsAlive(int.Parse(File.ReadAllText(pidFile).Trim())));
    }

    [Fact]
    public async Task AServerThatExitsBeforeListeningFailsAtOnceWithItsOutput()
    {
        using var process = OwnedProcess.Start("sh", ["-c", "echo cannot bind >&2; exit 3"]);

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => process.WaitUntilListeningAsync(Ports.Free()));

        Assert.Contains("exited before it listened", failed.Message);
        Assert.Contains("cannot bind", failed.Message);
    }

    /// <summary>A killed process that nobody has reaped yet is a zombie: it holds an id but runs nothing.</summary>
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var fields = File.ReadAllText(stat);
            return fields[(fields.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
