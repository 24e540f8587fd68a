using System.Diagnostics;
using System.Text.Json;
using Storefront.Downloads.Stamping;

namespace Storefront.Bench.Stamping;

/// <summary>The measured child process for the in-process engine: file in, stamped file out, as the gate would stream it.</summary>
internal static class EngineRunner
{
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-bench");

    /// <summary>Untimed passes before the timed ones; the same number as pdflib-stamp.mjs.</summary>
    internal const int WarmUpPasses = 5;

    public static async Task<int> RunAsync(int runs, string outDir, string[] files)
    {
        var stamper = new PdfStamper();
        var times = new List<double>();
        var pages = 0;
        var failures = new SortedSet<string>();
        // The first passes load libqpdf and let the JIT tier the hot code up; they are not counted, so the
        // figures are a long-running shop's, not a cold start's (pdflib-stamp.mjs warms V8 the same way).
        // With no timed passes (the peak-memory run) there is nothing to warm up: one pass in a fresh process.
        var warmUps = runs == 0 ? 0 : WarmUpPasses;
        for (var run = 0; run < warmUps + Math.Max(runs, 1); run++)
        {
            var clock = Stopwatch.StartNew();
            var runPages = await StampAllAsync(stamper, outDir, files, failures);
            if (run >= warmUps && runs > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            pages = runPages;
        }
        if (runs == 0)
        {
            // The fresh-process peak run: nothing more to measure in it.
            Console.WriteLine(JsonSerializer.Serialize(new ToolRun(times, pages, [.. failures], [])));
            return 0;
        }
        // What one more stamp of each master adds to a warm process, as a running shop would see per download:
        // the heap is collected and trimmed first, so memory the stamp needs is counted even if earlier passes had it.
        // The JIT goes on recompiling hot code in the background for a while after start, and what it takes then
        // is the runtime's, not a download's: passes continue until a pass and a pause compile nothing new.
        for (var pass = 0; pass < 50; pass++)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            await StampAllAsync(stamper, outDir, files, failures);
            await Task.Delay(200);
            if (System.Runtime.JitInfo.GetCompiledMethodCount() == compiled)
            {
                break;
            }
        }
        // The median of three, after one measurement that is thrown away: the first stamp after the first
        // full collection also pays for the collector re-establishing its heap (~3 MB measured).
        var perMaster = files.Select(file => (File: file, Mb: Statistics.Median(Enumerable.Range(0, 4).Select(_ =>
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            return WarmMemory.Measure(() => StampAllAsync(stamper, outDir, [file], failures).GetAwaiter().GetResult());
        }).Skip(1)))).ToList();
        Console.WriteLine(JsonSerializer.Serialize(new ToolRun(times, pages, [.. failures], [WarmMemory.Summary(perMaster)])));
        return 0;
    }

    private static async Task<int> StampAllAsync(PdfStamper stamper, string outDir, string[] files, SortedSet<string> failures)
    {
        var pages = 0;
        foreach (var file in files)
        {
            await using var input = File.OpenRead(file);
            await using var output = File.Create(Path.Combine(outDir, Path.GetFileName(file)));
            var outcome = await stamper.StampAsync(input, output, Buyer);
            if (outcome.Status == StampStatus.Stamped)
            {
                pages += outcome.PageCount;
            }
            else
            {
                failures.Add($"{Path.GetFileName(file)}: {outcome.Status} {outcome.Message}");
            }
        }
        return pages;
    }
}

/// <summary>
/// Peak resident memory a piece of work adds to this process: the kernel's high-water mark is reset
/// (<c>/proc/self/clear_refs</c>, value 5), the resident size read, the work run, the new high-water mark read.
/// </summary>
internal static class WarmMemory
{
    public static double Measure(Action work)
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        var before = Kb("VmRSS");
        work();
        return (Kb("VmHWM") - before) / 1024.0;
    }

    /// <summary>The largest memory added for one master, the worst as a multiple of its master, and how many stayed under 3×.</summary>
    public static WarmSummary Summary(IReadOnlyCollection<(string File, double Mb)> perMaster)
    {
        var ratios = perMaster.Select(m => m.Mb / (new FileInfo(m.File).Length / 1024.0 / 1024.0)).ToList();
        return new WarmSummary(perMaster.Max(m => m.Mb), ratios.Max(), ratios.Count(r => r < 3));
    }

    private static long Kb(string field) =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed record ToolRun(List<double> Times, int Pages, List<string> Failures, List<WarmSummary> Warm);

/// <summary>Memory added per master in a warm process: the largest, the worst multiple of its master, how many masters stayed under 3×.</summary>
internal sealed record WarmSummary(double AddedMb, double Ratio, int Within);
