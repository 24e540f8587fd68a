using System.Text.Json;
using Storefront.Core.Outbox;

namespace Storefront.Payments.Receipts;

public sealed record ReceiptMessage(Guid OrderId);

/// <summary>Sends the receipt of a fulfilled order from the outbox.</summary>
public sealed class ReceiptHandler(ReceiptSender sender) : IOutboxHandler
{
    public const string MessageType = "payments.receipt";

    public string Type => MessageType;

    public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var receipt = JsonSerializer.Deserialize<ReceiptMessage>(message.Payload)
            ?? throw new InvalidOperationException("Empty receipt message.");
        return sender.SendAsync(receipt.OrderId, cancellationToken);
    }
}
