using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Outbox;
using Storefront.Email.Tests.Infrastructure;

namespace Storefront.Email.Tests;

/// <summary>The processor's looks at the outbox as operators and waiting callers see them.</summary>
public sealed class OutboxPassTests
{
    [Fact]
    public async Task EveryLookIsCountedAndAWaiterIsAnsweredOnlyByALookThatStartedAfterItsMark()
    {
        // Nothing is queued, so nothing is sent and no mail server is needed.
        await using var host = await OutboxHost.StartAsync(smtpPort: 9, []);
        var meters = host.Services.GetRequiredService<IMeterFactory>();
        long counted = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "storefront.outbox.passes")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        Assert.Equal(0, await host.Processor.RunOnceAsync(CancellationToken.None));
        var mark = host.Passes.Started;
        var waiting = host.Passes.FinishedAfterAsync(mark);
        Assert.False(waiting.IsCompleted, "the look before the mark must not answer");
        Assert.Equal(0, await host.Processor.RunOnceAsync(CancellationToken.None));

        Assert.Equal(new OutboxPass(mark + 1, 0), await waiting);
        Assert.Equal(mark + 1, (await host.Passes.FinishedAfterAsync(mark)).Number);
        Assert.Equal(2, Interlocked.Read(ref counted));
    }
}
