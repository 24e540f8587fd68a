using System.Diagnostics.Metrics;

namespace Storefront.Core.Outbox;

/// <summary>One finished look at the outbox: its number in start order and how many messages it attempted.</summary>
public readonly record struct OutboxPass(long Number, int Attempted);

/// <summary>
/// Numbers the processor's looks at the outbox as they start and publishes each one that finishes: as the
/// <c>storefront.outbox.passes</c> counter, where a processor that stopped looking shows as a flat line, and to whoever
/// waits for a look that began after a given moment. Only such a look proves that something was not sent; a pause of
/// any length proves nothing on a loaded machine.
/// </summary>
public sealed class OutboxPasses
{
    public const string MeterName = "Storefront.Outbox";

    private readonly Counter<long> finished;
    private readonly Lock gate = new();
    private readonly List<(long Mark, TaskCompletionSource<OutboxPass> Done)> waiting = [];
    private long started;
    private OutboxPass latest;

    public OutboxPasses(IMeterFactory meters) =>
        finished = meters.Create(MeterName).CreateCounter<long>("storefront.outbox.passes", "{pass}", "Looks at the outbox that finished");

    /// <summary>How many looks have started so far: the mark to give <see cref="FinishedAfterAsync"/>.</summary>
    public long Started => Interlocked.Read(ref started);

    /// <summary>Completes once a look that started after <paramref name="mark"/> has finished, with that look.</summary>
    public Task<OutboxPass> FinishedAfterAsync(long mark, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<OutboxPass>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (latest.Number > mark)
            {
                return Task.FromResult(latest);
            }

            waiting.Add((mark, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    internal long Begin() => Interlocked.Increment(ref started);

    internal void Finish(OutboxPass pass)
    {
        finished.Add(1);
        List<TaskCompletionSource<OutboxPass>> due;
        lock (gate)
        {
            if (pass.Number > latest.Number)
            {
                latest = pass;
            }

            due = [.. waiting.Where(w => w.Mark < pass.Number).Select(w => w.Done)];
            waiting.RemoveAll(w => w.Mark < pass.Number);
        }

        foreach (var done in due)
        {
            done.TrySetResult(pass);
        }
    }
}
