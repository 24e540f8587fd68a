using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.StripeEmulator;

/// <summary>
/// What a test needs to cause and observe (Stripe has test helpers of its own under the same path):
/// a dispute and the bank's decision on it, a refund made in Stripe's dashboard and its failure, a bank debit's settlement,
/// a session's discount and tax, N concurrent redeliveries of an event, and the delivery log.
/// These deliver before answering, so a test can assert right after the call.
/// </summary>
internal static class TestHelperEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/test_helpers/disputes", StripeApi.Endpoint(async call =>
            await PublishAsync(call, call.Ledger.Dispute(call.Form))));

        // What someone does in Stripe's dashboard: the same refund as the API's, its events delivered before the answer.
        routes.MapPost("/v1/test_helpers/refunds", StripeApi.Endpoint(async call =>
            await PublishAsync(call, call.Ledger.Refund(call.Form, call.RequestId, null))));

        routes.MapPost("/v1/test_helpers/refunds/{id}/end", StripeApi.Endpoint(async call =>
        {
            if (OneOf(call, "status", "failed", "canceled", out var status) is { } refused)
            {
                return refused;
            }

            return await PublishAsync(call, call.Ledger.EndRefund(ApiEndpoints.Id(call), status, SessionRequest.Text(call.Form.Root, "failure_reason")));
        }));

        routes.MapPost("/v1/test_helpers/disputes/{id}/close", StripeApi.Endpoint(async call =>
        {
            if (OneOf(call, "outcome", "won", "lost", out var outcome) is { } refused)
            {
                return refused;
            }

            return await PublishAsync(call, call.Ledger.CloseDispute(ApiEndpoints.Id(call), outcome));
        }));

        routes.MapPost("/v1/test_helpers/checkout/sessions/{id}/settle", StripeApi.Endpoint(async call =>
        {
            if (OneOf(call, "outcome", "succeeded", "failed", out var outcome) is { } refused)
            {
                return refused;
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

        routes.MapPost("/v1/test_helpers/checkout/sessions/{id}/totals", StripeApi.Endpoint(call =>
        {
            var root = call.Form.Root;
            var amounts = new Dictionary<string, long>();
            foreach (var name in new[] { "amount_discount", "amount_tax" })
            {
                var text = SessionRequest.Text(root, name) ?? "0";
                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
                {
                    return StripeErrors.InvalidInteger(name, text);
                }

                amounts[name] = amount;
            }

            var id = ApiEndpoints.Id(call);
            return call.Ledger.SetTotals(id, amounts["amount_discount"], amounts["amount_tax"]) is { } refusal
                ? StripeErrors.Refused(refusal)
                : call.Ledger.GetSession(id);
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

    private static Task<ApiResponse> PublishAsync(ApiCall call, (ApiResponse Response, EmulatedEvent? Event) result) =>
        PublishAsync(call, (result.Response, result.Event is null ? [] : [result.Event]));

    private static async Task<ApiResponse> PublishAsync(ApiCall call, (ApiResponse Response, IReadOnlyList<EmulatedEvent> Events) result)
    {
        foreach (var evt in result.Events)
        {
            await call.Webhooks.PublishAsync(evt, call.Context.RequestAborted);
        }

        return result.Response;
    }

    /// <summary>A required parameter that takes one of two values; anything else is refused naming it.</summary>
    private static ApiResponse? OneOf(ApiCall call, string param, string first, string second, out string value)
    {
        value = SessionRequest.Text(call.Form.Root, param) ?? "";
        return value == first || value == second ? null
            : value.Length == 0 ? StripeErrors.Missing(param)
            : StripeErrors.Invalid(param, $"{param} must be {first} or {second}.", "parameter_invalid_string");
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
