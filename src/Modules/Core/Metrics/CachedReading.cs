using Storefront.Core.Data;

namespace Storefront.Core.Metrics;

/// <summary>
/// A figure counted in the database, read at most once per <c>lifetime</c> however many scrapes, probes and instances'
/// dashboards ask at once: a burst of requests for <c>/metrics</c> or <c>/health/ready</c> costs one query, not one each.
/// </summary>
/// <param name="barrier">
/// For a figure an observable instrument reports: no query before the schema is migrated. A collection may come at any
/// moment, from this shop's scrape or from a listener of the same meter name in the process, and a table that does
/// not exist yet would be logged as an error.
/// </param>
public sealed class CachedReading<T>(Func<CancellationToken, Task<T>> read, TimeSpan lifetime, TimeProvider clock, StartupBarrier? barrier = null)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Reading? latest;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh.Value;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } meanwhile)
            {
                return meanwhile.Value;
            }

            var value = await read(cancellationToken);
            latest = new Reading(value, clock.GetUtcNow());
            return value;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// For an observable instrument's callback, which cannot await: the figure, read now if it is stale. When the
    /// database cannot answer, the last figure read (or none) rather than a failed scrape.
    /// </summary>
    public bool TryGet(out T value)
    {
        if (barrier is { Ready.IsCompletedSuccessfully: false })
        {
            value = default!;
            return false;
        }

        try
        {
            value = GetAsync(CancellationToken.None).GetAwaiter().GetResult();
            return true;
        }
        catch (Exception) when (latest is { } last)
        {
            value = last.Value;
            return true;
        }
        catch (Exception)
        {
            value = default!;
            return false;
        }
    }

    private Reading? Fresh() => latest is { } last && clock.GetUtcNow() - last.At < lifetime ? last : null;

    private sealed record Reading(T Value, DateTimeOffset At);
}
