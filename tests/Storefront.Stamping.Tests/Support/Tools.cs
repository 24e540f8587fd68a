using System.Diagnostics;

namespace Storefront.Stamping.Tests.Support;

public sealed record ToolResult(int ExitCode, string Stdout, string Stderr, byte[] StdoutBytes);

/// <summary>Runs the real command-line readers the stamped copies are checked with.</summary>
public static class Tools
{
    public static ToolResult Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            using var stdout = new MemoryStream();
            // Reading to the end is itself the wait: a hung tool never closes its output, so the limit applies to the read.
            var read = process.StandardOutput.BaseStream.CopyToAsync(stdout);
            if (!read.Wait(120_000) || !process.WaitForExit(120_000))
            {
                throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish");
            }

            var bytes = stdout.ToArray();
            return new ToolResult(process.ExitCode, System.Text.Encoding.UTF8.GetString(bytes), stderr.Result, bytes);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Writes bytes to a fresh temporary file for the duration of a check (test side only).</summary>
    public static TempFile Temp(ReadOnlySpan<byte> bytes, string extension = ".pdf")
    {
        var path = Path.Combine(Path.GetTempPath(), "stamping-tests-" + Guid.NewGuid().ToString("N") + extension);
        File.WriteAllBytes(path, bytes.ToArray());
        return new TempFile(path);
    }
}

public sealed class TempFile(string path) : IDisposable
{
    public string Path { get; } = path;

    public void Dispose()
    {
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }
    }
}
