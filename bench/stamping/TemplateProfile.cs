using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Storefront.Downloads.Stamping;

namespace Storefront.Bench.Stamping;

/// <summary>
/// What the copy template costs: building it (the first download of a master: qpdf stamps and writes it once, and
/// its placeholders and cross-reference section are read back), and then each copy (hashing the master to find
/// its template, writing the buyer's objects and the cross-reference section, gathering the bytes). Wall clock and
/// this thread's CPU time, medians over the passes after warm-up passes.
/// </summary>
internal static class TemplateProfile
{
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-bench");

    public static int Print(string[] files, int runs)
    {
        var cold = new PdfStamper(Options.Create(new StampingOptions { TemplateCacheMegabytes = 0 }));
        var warm = new PdfStamper();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            // Each build's parsed document is freed on the thread pool afterwards; the next build waits for that to settle.
            var build = Measure(runs, () => cold.Templates.For(MasterSource.From(bytes), Buyer), settle: true);
            var template = warm.Templates.For(MasterSource.From(bytes), Buyer)?.Build.Template
                ?? throw new InvalidOperationException($"{file} takes the qpdf path");
            var hash = Measure(runs, () => MasterSource.From(bytes).ContentHash());
            var line = Storefront.Downloads.Stamping.Fonts.ShapedLine.Shape(StampWording.LineFor(new StampingOptions(), Buyer), new Storefront.Downloads.Stamping.Fonts.FontLibrary([]));
            var id = DocumentId.For(MasterSource.From(bytes), "line", Buyer.Fingerprint);
            var write = Measure(runs, () => template.Write(line, Buyer.Fingerprint, id, 7.5));
            var gather = Measure(runs, () => template.Write(line, Buyer.Fingerprint, id, 7.5).ToArray());
            var whole = Measure(runs, () => warm.Stamp(bytes, Buyer));
            Console.WriteLine($"{Path.GetFileName(file)} ({bytes.Length / 1048576.0:0.0} MB, template {template.Size / 1048576.0:0.0} MB)");
            Row("template build (first download: qpdf stamps and writes)", build);
            Row("per copy: SHA-256 of the master (template key)", hash);
            Row("per copy: buyer's objects + cross-reference section", write);
            Row("per copy: that, gathered into one array", gather);
            Row("per copy: PdfStamper.Stamp, template cached", whole);
        }
        return 0;
    }

    private static void Row(string what, (double Wall, double Cpu) t) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-60} {t.Wall,8:0.00} ms wall {t.Cpu,8:0.00} ms CPU"));

    private static (double Wall, double Cpu) Measure(int runs, Func<object?> work, bool settle = false)
    {
        var walls = new List<double>();
        var cpus = new List<double>();
        for (var pass = 0; pass < runs + EngineRunner.WarmUpPasses; pass++)
        {
            var wall = Stopwatch.StartNew();
            var cpu = PhaseProfile.ThreadCpuMs();
            GC.KeepAlive(work());
            var elapsed = wall.Elapsed.TotalMilliseconds;
            var used = PhaseProfile.ThreadCpuMs() - cpu;
            if (settle)
            {
                Thread.Sleep(500);
            }
            if (pass >= EngineRunner.WarmUpPasses)
            {
                walls.Add(elapsed);
                cpus.Add(used);
            }
        }
        return (Statistics.Median(walls), Statistics.Median(cpus));
    }
}
