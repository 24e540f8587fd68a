using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Storefront.Downloads.Gate;

/// <summary>
/// The gate's meters, exported at <c>/metrics</c>: <c>storefront.downloads</c> counts every GET at the gate by outcome,
/// <c>storefront.stamping.duration</c> is the time to stamp one copy, and <c>storefront.downloads.phase.duration</c>
/// splits a copy's time into its phases, so an operator (and the load benchmark) can see where the time goes.
/// </summary>
public sealed class DownloadMetrics
{
    public const string MeterName = "Storefront.Downloads";

    private readonly Counter<long> downloads;
    private readonly Histogram<double> stamping;
    private readonly Histogram<double> phases;

    public DownloadMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        downloads = meter.CreateCounter<long>("storefront.downloads", "{download}", "Download attempts at the gate, by outcome");
        // Copies of small masters take milliseconds; a large master streams for seconds.
        var buckets = new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] };
        stamping = meter.CreateHistogram("storefront.stamping.duration", "s", "Time to stamp one copy of a PDF master", advice: buckets);
        phases = meter.CreateHistogram("storefront.downloads.phase.duration", "s",
            "Time one copy spends in each phase of the gate: token, reserve, master, stamp, send, confirm, settle", advice: buckets);
    }

    /// <summary>served | interrupted | unavailable | expired | exhausted | refused | suspended | busy.</summary>
    public void Counted(string outcome) => downloads.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Stamped(TimeSpan elapsed) => stamping.Record(elapsed.TotalSeconds);

    /// <summary>Records the phase that began at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp); returns now.</summary>
    public long Phase(string phase, long started)
    {
        var now = Stopwatch.GetTimestamp();
        phases.Record(Stopwatch.GetElapsedTime(started, now).TotalSeconds, new KeyValuePair<string, object?>("phase", phase));
        return now;
    }

    public static class Outcomes
    {
        public const string Served = "served";
        public const string Interrupted = "interrupted";
        public const string Unavailable = "unavailable";
        public const string Expired = "expired";
        public const string Exhausted = "exhausted";
        public const string Refused = "refused";
        public const string Suspended = "suspended";
        public const string Busy = "busy";
    }
}
