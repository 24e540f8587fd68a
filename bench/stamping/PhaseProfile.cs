using System.Diagnostics;
using System.Globalization;
using Storefront.Downloads.Stamping;
using Storefront.Downloads.Stamping.Fonts;
using Storefront.Downloads.Stamping.Native;

namespace Storefront.Bench.Stamping;

/// <summary>
/// Where one copy's time goes: the steps of <c>StampJob</c> taken one at a time on the same master, each
/// timed by wall clock and by this thread's CPU time (what a busy shared machine cannot inflate), medians
/// over the passes after warm-up passes.
/// </summary>
internal static class PhaseProfile
{
    private static readonly StampRequest Buyer = new("Priya Sharma", "priya@example.com", "1042", "ent-bench");

    public static readonly string[] Phases =
        ["open (xref, trailer)", "inspect (encryption, signature)", "page tree walk, inherited attributes", "content prefetch (copy out raw page content)",
         "stamp pages (parse on first new object, scan, footers)", "flatten page tree", "fingerprint (Info, XMP)", "write (qpdf serialises every object)", "/ID patch", "close (free qpdf's objects)"];

    public static Dictionary<string, (double WallMs, double CpuMs)> Run(string file, int runs)
    {
        var bytes = File.ReadAllBytes(file);
        var options = new StampingOptions();
        var fonts = new FontLibrary(options.FontPaths);
        var samples = Phases.ToDictionary(p => p, _ => new List<(double, double)>());
        for (var pass = 0; pass < runs + EngineRunner.WarmUpPasses; pass++)
        {
            var timer = new Timer();
            var master = MasterSource.From(bytes);
            var document = master.Open();
            timer.Lap(0);
            _ = document.IsEncrypted;
            _ = document.AllowsModification;
            _ = document.IsLinearized;
            var pages = document.PageCount;
            timer.Lap(1);
            document.PushInheritedAttributesToPages();
            var pageObjects = Enumerable.Range(0, pages).Select(document.Page).ToList();
            timer.Lap(2);
            var content = new PageContent(document, options.MaxPageContentBytes);
            content.Prefetch(pageObjects);
            timer.Lap(3);
            var text = StampWording.LineFor(options, Buyer);
            var stamper = new PageStamper(document, ShapedLine.Shape(text, fonts), Buyer.Fingerprint, options.MaxFontSize, content);
            for (var i = 0; i < pages; i++)
            {
                stamper.Stamp(pageObjects[i], i + 1);
            }
            content.Dispose();
            timer.Lap(4);
            PageTree.Flatten(document, pageObjects);
            timer.Lap(5);
            Fingerprint.Write(document, Buyer.Fingerprint);
            timer.Lap(6);
            var copy = document.Write();
            timer.Lap(7);
            DocumentId.For(master, text, Buyer.Fingerprint).Patch(copy.Span, final: true);
            timer.Lap(8);
            document.Dispose();
            timer.Lap(9);
            if (pass >= EngineRunner.WarmUpPasses)
            {
                for (var i = 0; i < Phases.Length; i++)
                {
                    samples[Phases[i]].Add(timer.Laps[i]);
                }
            }
        }
        return samples.ToDictionary(kv => kv.Key, kv => (Statistics.Median(kv.Value.Select(s => s.Item1)), Statistics.Median(kv.Value.Select(s => s.Item2))));
    }

    public static int Print(string[] files, int runs)
    {
        foreach (var file in files)
        {
            var result = Run(file, runs);
            Console.WriteLine($"{Path.GetFileName(file)}: total wall {result.Values.Sum(v => v.WallMs):0.0} ms, thread CPU {result.Values.Sum(v => v.CpuMs):0.0} ms");
            foreach (var (phase, (wall, cpu)) in result)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-58} {wall,8:0.0} ms wall {cpu,8:0.0} ms CPU"));
            }
        }
        return 0;
    }

    private sealed class Timer
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private double _lastWall;
        private double _lastCpu = ThreadCpuMs();

        public (double, double)[] Laps { get; } = new (double, double)[Phases.Length];

        public void Lap(int phase)
        {
            var wall = _wall.Elapsed.TotalMilliseconds;
            var cpu = ThreadCpuMs();
            Laps[phase] = (wall - _lastWall, cpu - _lastCpu);
            (_lastWall, _lastCpu) = (wall, cpu);
        }
    }

    internal static double ThreadCpuMs()
    {
        const int threadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID
        return ClockGetTime(threadCpuTime, out var now) == 0 ? (now.Seconds * 1000.0) + (now.Nanoseconds / 1e6) : double.NaN;
    }

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
