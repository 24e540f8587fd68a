using System.Text.Json;
using Storefront.Core.Outbox;

namespace Storefront.Payments.Refunds;

public sealed record RefundMessage(string RefundId);

/// <summary>Sends the "refund processed" email of one recorded refund from the outbox.</summary>
public sealed class RefundEmailHandler(RefundEmailSender sender) : IOutboxHandler
{
    public const string MessageType = "payments.refund";

    public string Type => MessageType;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var refund = JsonSerializer.Deserialize<RefundMessage>(message.Payload)
            ?? throw new InvalidOperationException("Empty refund message.");
        return sender.SendAsync(refund.RefundId, cancellationToken);
    }
}
