using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Storefront.Bench.Stamping;

/// <summary>
/// Runs every tool on every input, each as its own process: three interleaved rounds of timed passes
/// (each round a process per tool and input, warm-up pass first), then a fresh single-pass process per
/// tool and input under /usr/bin/time for peak resident memory. The qpdf CLI is one process per file by nature.
/// </summary>
internal static partial class Orchestrator
{
    private static readonly string[] Tools = ["engine", "qpdf-cli", "pdf-lib"];
    private const int Rounds = 3;

    public static async Task<int> RunAsync(string inputDir, string corpusDir, string outDir, string reportPath, int runs)
    {
        var corpus = File.ReadAllLines(Path.Combine(corpusDir, "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Where(c => c.Length > 6 && c[6] == "stamp").Select(c => Path.GetFullPath(Path.Combine(corpusDir, c[0]))).ToArray();
        var inputs = new (string Name, string[] Files)[]
        {
            ("200-page text book", [Path.Combine(inputDir, "book-200-pages.pdf")]),
            ("50 MB image-heavy", [Path.Combine(inputDir, "images-50mb.pdf")]),
            ($"corpus ({corpus.Length} files)", corpus),
        };
        var (results, baselines) = Measure(inputs, inputDir, outDir, runs);
        await File.WriteAllTextAsync(reportPath, Report.Markdown(results, baselines, RunsPerTool(runs)));
        Console.Error.WriteLine($"wrote {reportPath}");
        return 0;
    }

    /// <summary>
    /// The books as real masters come (see <see cref="BookGenerator"/>): the 300-page book in each form, the
    /// same book at 10, 100 and 1,000 pages (object streams) for how time grows with pages, and a 10 MB
    /// image-heavy file.
    /// </summary>
    public static async Task<int> RunBooksAsync(string inputDir, string outDir, string reportPath, int runs)
    {
        var inputs = BookGenerator.Variants
            .Select(v => ($"300-page tagged book, {v.Label}", new[] { Path.Combine(inputDir, BookGenerator.FileName(300, v.Suffix)) }))
            .Concat(BookGenerator.PageCounts.Where(p => p != 300)
                .Select(p => ($"{p}-page tagged book, object and xref streams", new[] { Path.Combine(inputDir, BookGenerator.FileName(p, "objstm")) })))
            .Append(("40-page image-heavy, 10 MB", [Path.Combine(inputDir, "images-10mb.pdf")]))
            .ToArray();
        var (results, baselines) = Measure(inputs, inputDir, outDir, runs);
        await File.WriteAllTextAsync(reportPath, Report.Books(results, baselines, RunsPerTool(runs)));
        Console.Error.WriteLine($"wrote {reportPath}");
        return 0;
    }

    private static int RunsPerTool(int runs) => (runs + Rounds - 1) / Rounds * Rounds;

    private static (List<InputResult> Results, Dictionary<string, double> Baselines) Measure((string Name, string[] Files)[] inputs, string inputDir, string outDir, int runs)
    {
        Directory.CreateDirectory(outDir);
        var overlay = Path.Combine(inputDir, "overlay-stamp.pdf");
        var baselines = new Dictionary<string, double>
        {
            ["engine"] = PeakMb(Measure(Self(["engine", "0", outDir]))),
            ["pdf-lib"] = PeakMb(Measure(["node", "--expose-gc", NodeScript, "0", outDir])),
            ["qpdf-cli"] = PeakMb(Measure(["qpdf", "--version"])),
        };

        var perRound = (runs + Rounds - 1) / Rounds;
        var results = new List<InputResult>();
        foreach (var (name, files) in inputs)
        {
            Console.Error.WriteLine($"== {name}");
            var bytes = files.Sum(f => new FileInfo(f).Length);
            // Rounds interleave the tools, so a busy spell on a shared machine hits all of them alike.
            var rounds = Enumerable.Range(0, Rounds).Select(_ => new Dictionary<string, ToolResult>
            {
                ["engine"] = Timed(Self(["engine", $"{perRound}", outDir, .. files])),
                ["pdf-lib"] = Timed(["node", "--expose-gc", NodeScript, $"{perRound}", outDir, .. files]),
                ["qpdf-cli"] = QpdfCli(files, overlay, outDir, perRound, baselines["qpdf-cli"]),
            }).ToList();
            var measured = Tools.ToDictionary(tool => tool, tool => rounds.Select(r => r[tool]).Aggregate((a, b) => a.Merge(b)));
            measured["engine"] = measured["engine"] with { PeakMb = PeakMb(Measure(Self(["engine", "0", outDir, .. files]))) };
            measured["pdf-lib"] = measured["pdf-lib"] with { PeakMb = PeakMb(Measure(["node", "--expose-gc", NodeScript, "0", outDir, .. files])) };
            results.Add(new InputResult(name, files.Length, bytes, measured));
        }
        return (results, baselines);
    }

    private static string NodeScript => Path.Combine(AppContext.BaseDirectory, "pdflib-stamp.mjs");

    private static string[] Self(string[] args) => ["dotnet", Path.Combine(AppContext.BaseDirectory, "Storefront.Bench.Stamping.dll"), .. args];

    private static ToolResult Timed(string[] command)
    {
        var timed = Measure(command);
        var run = JsonSerializer.Deserialize<ToolRun>(timed.Stdout, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
                  ?? throw new InvalidOperationException("no result from " + string.Join(' ', command));
        return new ToolResult(run.Times, run.Pages, double.NaN, run.Failures, run.Warm);
    }

    /// <summary>A fresh process per file: what a stamp adds is that process's peak above the idle qpdf process (median over the runs).</summary>
    private static ToolResult QpdfCli(string[] files, string overlay, string outDir, int runs, double idleMb)
    {
        var times = new List<double>();
        var failures = new SortedSet<string>();
        var peak = 0.0;
        var perFile = files.ToDictionary(file => file, _ => new List<double>());
        for (var run = 0; run <= runs; run++)
        {
            var total = 0.0;
            foreach (var file in files)
            {
                var clock = Stopwatch.StartNew();
                var result = Measure(["qpdf", file, "--overlay", overlay, "--repeat=1", "--", Path.Combine(outDir, Path.GetFileName(file))]);
                total += clock.Elapsed.TotalMilliseconds;
                peak = Math.Max(peak, PeakMb(result));
                perFile[file].Add(PeakMb(result) - idleMb);
                // Exit 3 means "succeeded with warnings" (repaired input).
                if (result.ExitCode is not (0 or 3))
                {
                    failures.Add($"{Path.GetFileName(file)}: exit {result.ExitCode}");
                }
            }
            if (run > 0)
            {
                times.Add(total);
            }
        }
        var pages = files.Sum(f => int.Parse(Measure(["qpdf", "--show-npages", f]).Stdout.Trim(), CultureInfo.InvariantCulture));
        var perMaster = perFile.Select(kv => (File: kv.Key, Mb: Statistics.Median(kv.Value))).ToList();
        return new ToolResult(times, pages, peak, [.. failures], [WarmMemory.Summary(perMaster)]);
    }

    private static Process.Result Measure(string[] command) => Process.Run(["/usr/bin/time", "-v", .. command]);

    private static double PeakMb(Process.Result result)
    {
        var match = MaxRss().Match(result.Stderr);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 1024 : double.NaN;
    }

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();

    internal static class Process
    {
        public sealed record Result(int ExitCode, string Stdout, string Stderr);

        public static Result Run(string[] command)
        {
            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in command[1..])
            {
                start.ArgumentList.Add(arg);
            }
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new Result(process.ExitCode, stdout, stderr.Result);
        }
    }
}

internal sealed record ToolResult(List<double> Times, int Pages, double PeakMb, List<string> Failures, List<WarmSummary> Warm)
{
    public double MedianMs => Statistics.Median(Times);

    /// <summary>Each round's process measures memory once; the middle round's figure is reported.</summary>
    public double WarmAddedMb => Statistics.Median(Warm.Select(w => w.AddedMb));

    public double WarmRatio => Statistics.Median(Warm.Select(w => w.Ratio));

    public int WarmWithin => (int)Statistics.Median(Warm.Select(w => (double)w.Within));

    public ToolResult Merge(ToolResult other) =>
        new([.. Times, .. other.Times], Pages, MaxOf(PeakMb, other.PeakMb), [.. Failures.Union(other.Failures)], [.. Warm, .. other.Warm]);

    private static double MaxOf(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);

    public double MinMs => Times.Count == 0 ? double.NaN : Times.Min();

    public double PagesPerSecond => Pages / (MedianMs / 1000);
}

internal sealed record InputResult(string Name, int Files, long Bytes, Dictionary<string, ToolResult> Tools);

internal static class Statistics
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
