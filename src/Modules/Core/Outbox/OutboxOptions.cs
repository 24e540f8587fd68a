namespace Storefront.Core.Outbox;

/// <summary><c>Outbox__*</c>: how often pending work is looked for and how failures back off.</summary>
public sealed class OutboxOptions
{
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed message is reserved for the claiming instance.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxAttempts { get; set; } = 12;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Readiness is Degraded once the oldest waiting message has waited longer than this (env <c>Outbox__MaxBacklogAge</c>).</summary>
    public TimeSpan MaxBacklogAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a count of the backlog serves the gauges and the readiness check before it is read again.</summary>
    public TimeSpan FiguresLifetime { get; set; } = TimeSpan.FromSeconds(5);
}
