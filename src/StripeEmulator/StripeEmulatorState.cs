using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Storefront.StripeEmulator;

/// <summary>
/// Everything the emulator knows, in memory. Objects are read and changed only under <see cref="Gate"/>;
/// webhook deliveries run outside it so a slow endpoint cannot stall the API.
/// </summary>
public sealed class StripeEmulatorState
{
    private readonly ConcurrentQueue<WebhookDelivery> deliveries = new();

    internal Lock Gate { get; } = new();

    internal Dictionary<string, EmulatedSession> Sessions { get; } = [];

    internal Dictionary<string, EmulatedPayment> PaymentsByIntent { get; } = [];

    internal Dictionary<string, EmulatedPayment> PaymentsByCharge { get; } = [];

    /// <summary>Each refund id's payment, whose <see cref="EmulatedPayment.Refunds"/> holds the refund itself.</summary>
    internal Dictionary<string, EmulatedPayment> Refunds { get; } = [];
    internal Dictionary<string, EmulatedDispute> Disputes { get; } = [];

    internal Dictionary<string, EmulatedProduct> Products { get; } = [];

    internal Dictionary<string, EmulatedCoupon> Coupons { get; } = [];

    internal Dictionary<string, EmulatedPromotionCode> PromotionCodes { get; } = [];

    internal List<EmulatedEvent> EventLog { get; } = [];

    internal IdempotencyStore Idempotency { get; } = new();

    /// <summary>Every delivery so far, oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries => deliveries.ToArray();

    /// <summary>Every event so far, oldest first.</summary>
    public IReadOnlyList<EmulatedEvent> Events
    {
        get
        {
            lock (Gate)
            {
                return EventLog.ToArray();
            }
        }
    }

    /// <summary>A promotion code as the API answers it, or null.</summary>
    public JsonObject? PromotionCode(string id)
    {
        lock (Gate)
        {
            return PromotionCodes.TryGetValue(id, out var code) ? code.ToJson() : null;
        }
    }

    /// <summary>
    /// Forgets a promotion code, as a shop sees it after its Stripe account changed (another secret key) or this emulator
    /// restarted: the id the shop stored is unknown from then on.
    /// </summary>
    public bool Forget(string promotionCodeId)
    {
        lock (Gate)
        {
            return PromotionCodes.Remove(promotionCodeId);
        }
    }

    /// <summary>A coupon as the API answers it with <c>expand[]=applies_to</c>, or null.</summary>
    public JsonObject? Coupon(string id)
    {
        lock (Gate)
        {
            return Coupons.TryGetValue(id, out var coupon) ? coupon.ToJson(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), withAppliesTo: true) : null;
        }
    }

    public int CouponCount
    {
        get
        {
            lock (Gate)
            {
                return Coupons.Count;
            }
        }
    }

    public int SessionCount
    {
        get
        {
            lock (Gate)
            {
                return Sessions.Count;
            }
        }
    }

    internal void Record(WebhookDelivery delivery) => deliveries.Enqueue(delivery);

    internal EmulatedEvent? FindEvent(string id)
    {
        lock (Gate)
        {
            return EventLog.FirstOrDefault(e => e.Id == id);
        }
    }
}
