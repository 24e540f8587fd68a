using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Storefront.Payments.Stripe;

namespace Storefront.Payments.Webhooks;

/// <summary>
/// <c>POST /webhooks/stripe</c>. The signature is checked on the raw bytes before anything is parsed;
/// a bad one gets 400 and nothing is written. A verified event is stored in the <see cref="WebhookInbox"/>, then processed at
/// once; Stripe gets its 2xx as soon as the event is stored, even when processing failed, since the inbox retries it from then on.
/// Slow work goes to the outbox, so the answer comes fast.
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
        HttpContext http, StripeWebhookVerifier verifier, WebhookInbox inbox, IHostApplicationLifetime lifetime, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }

        var payload = Encoding.UTF8.GetString(body);
        StripeWebhookVerdict verdict;
        try
        {
            verdict = verifier.Verify(payload, http.Request.Headers["Stripe-Signature"].ToString());
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

        if (verdict.Event is not { Id.Length: > 0, Type.Length: > 0, Data: not null } stripeEvent)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The event has no id or type");
        }

        // Once stored, the event is processed even if Stripe hangs up: only the instance stopping interrupts it (its claim then lapses).
        var run = await inbox.ReceiveAsync(payload, stripeEvent, lifetime.ApplicationStopping);
        return Results.Ok(new { received = true, outcome = run.Outcome });
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
