using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>
/// An event as Stripe builds it. The body is serialised once: every delivery (and redelivery) sends
/// these exact bytes, signed afresh with the time of that attempt, as Stripe does.
/// </summary>
public sealed class EmulatedEvent
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private EmulatedEvent(string id, string type, long created, byte[] body)
    {
        Id = id;
        Type = type;
        Created = created;
        Body = body;
    }

    public string Id { get; }

    public string Type { get; }

    public long Created { get; }

    public byte[] Body { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    internal static EmulatedEvent Create(string type, JsonNode dataObject, string apiVersion, string? requestId = null, string? idempotencyKey = null)
    {
        var id = StripeIds.New("evt");
        var created = StripeIds.Now();
        // Key order as in Stripe's deliveries; pending_webhooks counts the one configured endpoint.
        var envelope = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = apiVersion,
            ["created"] = created,
            ["data"] = new JsonObject { ["object"] = dataObject.DeepClone() },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = requestId, ["idempotency_key"] = idempotencyKey },
            ["type"] = type,
        };
        return new EmulatedEvent(id, type, created, Encoding.UTF8.GetBytes(envelope.ToJsonString(Indented)));
    }
}

/// <summary>One attempt to deliver an event: the endpoint's status code, or the network error.</summary>
public sealed record WebhookAttempt(DateTimeOffset At, int? Status, string? Error);

/// <summary>One delivery of an event (with its retries); redeliveries are separate records.</summary>
public sealed record WebhookDelivery(string EventId, string EventType, IReadOnlyList<WebhookAttempt> Attempts, bool Succeeded);
