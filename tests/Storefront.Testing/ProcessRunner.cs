namespace Storefront.Testing;

public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;
}

public static class ProcessRunner
{
    /// <summary>
    /// Runs a program to its end. <paramref name="timeout"/> (2 minutes unless given) is the idle-machine base; a
    /// program still running when the run ends (timeout, an exception) is killed with its whole tree.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null,
        IDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? input = null)
    {
        using var process = OwnedProcess.Start(file, arguments, workingDirectory, environment, redirectInput: input is not null);
        if (input is not null)
        {
            await process.Process.StandardInput.WriteAsync(input);
            process.Process.StandardInput.Close();
        }

        return await process.WaitForExitAsync(timeout ?? TimeSpan.FromMinutes(2));
    }
}
