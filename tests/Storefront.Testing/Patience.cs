using System.Globalization;

namespace Storefront.Testing;

/// <summary>
/// How long a test waits for something that only takes time: a server to listen, an outbox to drain, a mail to arrive.
/// A base that is generous on an idle machine is stretched by the machine's current load, because a fixed limit
/// failed on a loaded 2-core CI runner while a shorter one would hide nothing on a quiet one.
/// </summary>
public static class Patience
{
    /// <summary>Overrides the load-derived factor, e.g. 3 on a runner known to be slow.</summary>
    public const string ScaleVariable = "STOREFRONT_TEST_TIMEOUT_SCALE";

    /// <summary>Beyond this a wait is no longer patience but a hang that should fail.</summary>
    public const double MaximumFactor = 4;

    /// <summary>The factor for the machine as it is now (load read at each call: it changes during a run).</summary>
    public static double Factor => FactorFor(Environment.GetEnvironmentVariable(ScaleVariable), ReadLoad(), Environment.ProcessorCount);

    /// <summary><paramref name="baseline"/> stretched by the current <see cref="Factor"/>.</summary>
    public static TimeSpan For(TimeSpan baseline) => baseline * Factor;

    /// <summary>
    /// max(1, load / cores), capped at <see cref="MaximumFactor"/>; an explicit positive override wins. An override
    /// that is not a positive number is refused, so a typo never silently means "no patience".
    /// </summary>
    public static double FactorFor(string? overrideValue, double? load1, int cores)
    {
        if (!string.IsNullOrWhiteSpace(overrideValue))
        {
            return double.TryParse(overrideValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var forced) && forced > 0 && double.IsFinite(forced)
                ? forced
                : throw new InvalidOperationException($"{ScaleVariable}={overrideValue} is not a positive number.");
        }

        if (load1 is not { } load || cores < 1 || !double.IsFinite(load))
        {
            return 1;
        }

        return Math.Clamp(load / cores, 1, MaximumFactor);
    }

    /// <summary>A line for timeout messages, so a failure says how patient it was and why.</summary>
    public static string Describe(TimeSpan waited) =>
        $"{waited.TotalSeconds:0.#} s (load {ReadLoad()?.ToString("0.##", CultureInfo.InvariantCulture) ?? "unknown"} on {Environment.ProcessorCount} cores)";

    private static double? ReadLoad()
    {
        try
        {
            // /proc/loadavg: "0.79 4.36 7.33 1/93 10357"; only Linux has it, elsewhere the factor stays 1.
            var first = File.ReadAllText("/proc/loadavg").Split(' ', 2)[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
