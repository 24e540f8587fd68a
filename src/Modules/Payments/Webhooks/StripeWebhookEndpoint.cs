using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Storefront.Payments.Stripe;

namespace Storefront.Payments.Webhooks;

/// <summary>
/// <c>POST /webhooks/stripe</c>. The signature is checked on the raw bytes before anything is parsed;
/// a bad one gets 400 and nothing is written. Slow work goes to the outbox, so Stripe gets its 2xx fast.
/// </summary>
public static class StripeWebhookEndpoint
{
    // Stripe's events are a few kilobytes; anything near this is not from Stripe.
    private const int MaxBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapStripeWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/stripe", HandleAsync).DisableAntiforgery().WithName("StripeWebhook");
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http, StripeWebhookVerifier verifier, StripeEventProcessor processor, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }

        StripeWebhookVerdict verdict;
        try
        {
            verdict = verifier.Verify(Encoding.UTF8.GetString(body), http.Request.Headers["Stripe-Signature"].ToString());
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The event is not JSON");
        }

        if (!verdict.IsValid)
        {
            loggers.CreateLogger(typeof(StripeWebhookEndpoint)).LogWarning("Rejected a Stripe webhook: {Reason}", verdict.Status);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Stripe signature", detail: verdict.Status.ToString());
        }

        var outcome = await processor.ProcessAsync(verdict.Event!, cancellationToken);
        return outcome is null
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The event has no id or type")
            : Results.Ok(new { received = true, outcome });
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
