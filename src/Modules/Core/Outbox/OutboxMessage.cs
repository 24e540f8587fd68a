namespace Storefront.Core.Outbox;

/// <summary>
/// Slow work (email, notifications) recorded in the same transaction as the change that caused it,
/// then carried out in the background with retries. A crash between the two loses nothing.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Names the <see cref="IOutboxHandler"/> that carries it out.</summary>
    public required string Type { get; set; }

    /// <summary>Unique per type: enqueueing the same work twice (a replayed event) is a no-op.</summary>
    public required string DeduplicationKey { get; set; }

    public required string Payload { get; set; }

    public required DateTime CreatedAt { get; set; }

    /// <summary>Not before this time: backoff after a failure.</summary>
    public required DateTime AvailableAt { get; set; }

    /// <summary>A worker's claim; another instance may take the message over once it lapses.</summary>
    public DateTime? LockedUntil { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? ProcessedAt { get; set; }

    /// <summary>Given up without retrying: the handler reported a failure that no retry can fix.</summary>
    public DateTime? FailedAt { get; set; }
}

/// <summary>
/// Carries out one type of outbox message. Must tolerate running twice for the same message. Any exception is
/// retried with backoff, except one that implements <see cref="IPermanentFailure"/>.
/// </summary>
public interface IOutboxHandler
{
    string Type { get; }

    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
