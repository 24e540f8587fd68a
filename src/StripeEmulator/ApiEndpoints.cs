using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.StripeEmulator;

/// <summary>The Stripe v1 endpoints the shop calls, with Stripe's paths, methods and answers.</summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/checkout/sessions", StripeApi.Endpoint(call => call.Ledger.CreateSession(call.Form, call.PublicBase)));
        routes.MapGet("/v1/checkout/sessions", StripeApi.Endpoint(call => call.Ledger.ListSessions(call.Form.Root)));
        routes.MapGet("/v1/checkout/sessions/{id}", StripeApi.Endpoint(call => call.Ledger.GetSession(Id(call), call.Form.Root)));
        routes.MapGet("/v1/checkout/sessions/{id}/line_items", StripeApi.Endpoint(call => call.Ledger.ListLineItems(Id(call), call.Form.Root)));
        routes.MapPost("/v1/checkout/sessions/{id}/expire", StripeApi.Endpoint(call =>
            Publish(call, call.Ledger.ExpireSession(Id(call), call.RequestId, call.IdempotencyKey))));
        routes.MapPost("/v1/refunds", StripeApi.Endpoint(call =>
            Publish(call, call.Ledger.Refund(call.Form, call.RequestId, call.IdempotencyKey))));
        routes.MapGet("/v1/refunds/{id}", StripeApi.Endpoint(call => call.Ledger.GetRefund(Id(call))));
        routes.MapGet("/v1/disputes/{id}", StripeApi.Endpoint(call => call.Ledger.GetDispute(Id(call), call.Form.Root)));
        routes.MapPost("/v1/disputes/{id}", StripeApi.Endpoint(call =>
            Publish(call, call.Ledger.UpdateDispute(Id(call), call.Form, call.RequestId, call.IdempotencyKey))));
        routes.MapPost("/v1/products", StripeApi.Endpoint(call => call.Ledger.CreateProduct(call.Form)));
        routes.MapGet("/v1/products/{id}", StripeApi.Endpoint(call => call.Ledger.GetProduct(Id(call))));
        routes.MapPost("/v1/coupons", StripeApi.Endpoint(call => call.Ledger.CreateCoupon(call.Form)));
        routes.MapGet("/v1/coupons/{id}", StripeApi.Endpoint(call => call.Ledger.GetCoupon(Id(call), call.Form.Root)));
        routes.MapPost("/v1/promotion_codes", StripeApi.Endpoint(call => call.Ledger.CreatePromotionCode(call.Form)));
        routes.MapGet("/v1/promotion_codes", StripeApi.Endpoint(call => call.Ledger.ListPromotionCodes(call.Form.Root)));
        routes.MapGet("/v1/promotion_codes/{id}", StripeApi.Endpoint(call => call.Ledger.GetPromotionCode(Id(call))));
        routes.MapPost("/v1/promotion_codes/{id}", StripeApi.Endpoint(call => call.Ledger.UpdatePromotionCode(Id(call), call.Form)));
        routes.MapGet("/v1/events", StripeApi.Endpoint(ListEvents));
        routes.MapGet("/v1/events/{id}", StripeApi.Endpoint(call =>
            call.Context.RequestServices.GetRequiredService<StripeEmulatorState>().FindEvent(Id(call)) is { } evt
                ? ApiResponse.Ok(JsonNode.Parse(evt.Body)!)
                : StripeErrors.NoSuch("event", Id(call), "id")));
        TestHelperEndpoints.Map(routes);

        // Anything else under /v1 gets Stripe's "Unrecognized request URL" rather than an empty 404.
        routes.Map("/v1/{**rest}", StripeApi.Endpoint(call =>
            StripeErrors.UnrecognizedUrl(call.Context.Request.Method, call.Context.Request.Path)));
    }

    public static string Id(ApiCall call) => (string)call.Context.Request.RouteValues["id"]!;

    // API-caused events are delivered after the answer, as Stripe does: the caller may hold locks while it waits.
    private static ApiResponse Publish(ApiCall call, (ApiResponse Response, EmulatedEvent? Event) result) =>
        Publish(call, (result.Response, result.Event is null ? [] : [result.Event]));

    private static ApiResponse Publish(ApiCall call, (ApiResponse Response, IReadOnlyList<EmulatedEvent> Events) result)
    {
        foreach (var evt in result.Events)
        {
            call.Webhooks.PublishInBackground(evt);
        }

        return result.Response;
    }

    private static ApiResponse ListEvents(ApiCall call)
    {
        var query = call.Form.Root;
        var events = call.Context.RequestServices.GetRequiredService<StripeEmulatorState>().Events;
        var type = SessionRequest.Text(query, "type");
        var types = SessionRequest.Strings(query["types"]);
        var data = events
            .Where(e => (type is null || e.Type == type) && (types is null || types.Contains(e.Type)))
            .Reverse()
            .Select(e => JsonNode.Parse(e.Body)!.AsObject())
            .Where(e => StripeLists.CreatedMatches(query["created"], (long)e["created"]!))
            .ToList();
        return StripeLists.Page(query, "/v1/events", "event", data, "type", "types", "created", "delivery_success");
    }
}
