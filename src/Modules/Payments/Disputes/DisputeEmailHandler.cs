using System.Text.Json;
using Storefront.Core.Outbox;

namespace Storefront.Payments.Disputes;

/// <summary>Which email a dispute step queued; stored in outbox payloads, so the values never change.</summary>
public static class DisputeNotices
{
    public const string BuyerSuspended = "buyer-suspended";
    public const string BuyerReinstated = "buyer-reinstated";
    public const string BuyerEnded = "buyer-ended";
    public const string SupportOpened = "support-opened";
    public const string SupportClosed = "support-closed";
}

public sealed record DisputeEmailMessage(string DisputeId, string Notice);

/// <summary>Sends a dispute's emails from the outbox.</summary>
public sealed class DisputeEmailHandler(DisputeEmailSender sender) : IOutboxHandler
{
    public const string MessageType = "payments.dispute-email";

    public string Type => MessageType;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var email = JsonSerializer.Deserialize<DisputeEmailMessage>(message.Payload)
            ?? throw new InvalidOperationException("Empty dispute email message.");
        return sender.SendAsync(email, cancellationToken);
    }
}
