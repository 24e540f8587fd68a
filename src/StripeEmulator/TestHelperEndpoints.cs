using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.StripeEmulator;

/// <summary>
/// What a test needs to cause and observe (Stripe has test helpers of its own under the same path):
/// a dispute and the bank's decision on it, a bank debit's settlement, N concurrent redeliveries of an event, and the delivery log.
/// These deliver before answering, so a test can assert right after the call.
/// </summary>
internal static class TestHelperEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/test_helpers/disputes", StripeApi.Endpoint(async call =>
            await PublishAsync(call, call.Ledger.Dispute(call.Form))));

        routes.MapPost("/v1/test_helpers/disputes/{id}/close", StripeApi.Endpoint(async call =>
        {
            var (outcome, refusal) = Outcome(call, "won", "lost");
            return refusal ?? await PublishAsync(call, call.Ledger.CloseDispute(ApiEndpoints.Id(call), outcome!));
        }));

        routes.MapPost("/v1/test_helpers/checkout/sessions/{id}/settle", StripeApi.Endpoint(async call =>
        {
            var (outcome, invalid) = Outcome(call, "succeeded", "failed");
            if (invalid is not null)
            {
                return invalid;
            }

            var id = ApiEndpoints.Id(call);
            var (refusal, evt) = call.Ledger.Settle(id, outcome == "succeeded");
            if (refusal is not null)
            {
                return StripeErrors.Refused(refusal);
            }

            await call.Webhooks.PublishAsync(evt!, call.Context.RequestAborted);
            return call.Ledger.GetSession(id);
        }));

        routes.MapPost("/v1/test_helpers/events/{id}/redeliver", StripeApi.Endpoint(RedeliverAsync));

        routes.MapGet("/v1/test_helpers/webhook_deliveries", StripeApi.Endpoint(call =>
        {
            var deliveries = call.Context.RequestServices.GetRequiredService<StripeEmulatorState>().Deliveries;
            return ApiResponse.Ok(new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(deliveries.Select(d => (JsonNode?)DeliveryJson(d)).ToArray()),
                ["has_more"] = false,
            });
        }));
    }

    private static async Task<ApiResponse> RedeliverAsync(ApiCall call)
    {
        var evt = call.Context.RequestServices.GetRequiredService<StripeEmulatorState>().FindEvent(ApiEndpoints.Id(call));
        if (evt is null)
        {
            return StripeErrors.NoSuch("event", ApiEndpoints.Id(call), "id");
        }

        var countText = SessionRequest.Text(call.Form.Root, "count") ?? "1";
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > 50)
        {
            return StripeErrors.Invalid("count", "count must be an integer from 1 to 50.", "parameter_invalid_integer");
        }

        // All at once, as Stripe may deliver the same event concurrently from several workers.
        var deliveries = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => call.Webhooks.DeliverAsync(evt, call.Context.RequestAborted)));
        return ApiResponse.Ok(new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(deliveries.Select(d => (JsonNode?)DeliveryJson(d)).ToArray()),
            ["has_more"] = false,
        });
    }

    /// <summary>The helper's required <c>outcome</c>, one of two words, or the refusal to answer with.</summary>
    private static (string? Outcome, ApiResponse? Refusal) Outcome(ApiCall call, string one, string other)
    {
        var outcome = SessionRequest.Text(call.Form.Root, "outcome");
        if (outcome == one || outcome == other)
        {
            return (outcome, null);
        }

        return (null, outcome is null
            ? StripeErrors.Missing("outcome")
            : StripeErrors.Invalid("outcome", $"outcome must be {one} or {other}.", "parameter_invalid_string"));
    }

    // One after the other, in the order Stripe sends them.
    private static async Task<ApiResponse> PublishAsync(ApiCall call, (ApiResponse Response, IReadOnlyList<EmulatedEvent> Events) result)
    {
        foreach (var evt in result.Events)
        {
            await call.Webhooks.PublishAsync(evt, call.Context.RequestAborted);
        }

        return result.Response;
    }

    private static JsonObject DeliveryJson(WebhookDelivery delivery) => new()
    {
        ["event"] = delivery.EventId,
        ["type"] = delivery.EventType,
        ["succeeded"] = delivery.Succeeded,
        ["attempts"] = new JsonArray(delivery.Attempts.Select(a => (JsonNode?)new JsonObject
        {
            ["at"] = a.At.ToUnixTimeMilliseconds(),
            ["status"] = a.Status,
            ["error"] = a.Error,
        }).ToArray()),
    };
}
