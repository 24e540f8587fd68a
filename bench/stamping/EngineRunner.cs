using System.Diagnostics;
using System.Text.Json;
using Storefront.Downloads.Stamping;

namespace Storefront.Bench.Stamping;

/// <summary>The measured child process for the in-process engine: file in, stamped file out, as the gate would stream it.</summary>
internal static class EngineRunner
{
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-bench");

    public static async Task<int> RunAsync(int runs, string outDir, string[] files)
    {
        var stamper = new PdfStamper();
        var times = new List<double>();
        var pages = 0;
        var failures = new SortedSet<string>();
        // Run 0 warms the JIT and loads libqpdf; it is not counted.
        for (var run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var runPages = 0;
            foreach (var file in files)
            {
                await using var input = File.OpenRead(file);
                await using var output = File.Create(Path.Combine(outDir, Path.GetFileName(file)));
                var outcome = await stamper.StampAsync(input, output, Buyer);
                if (outcome.Status == StampStatus.Stamped)
                {
                    runPages += outcome.PageCount;
                }
                else
                {
                    failures.Add($"{Path.GetFileName(file)}: {outcome.Status} {outcome.Message}");
                }
            }
            if (run > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            pages = runPages;
        }
        Console.WriteLine(JsonSerializer.Serialize(new ToolRun(times, pages, [.. failures])));
        return 0;
    }
}

internal sealed record ToolRun(List<double> Times, int Pages, List<string> Failures);
