using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Storefront.Stripe.Tests.Infrastructure;

public sealed record CapturedWebhook(byte[] Body, string? Signature, string? ContentType)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>A webhook endpoint that keeps every delivery's raw bytes and headers; it can fail the first N on purpose.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<CapturedWebhook> received = new();
    private LoopbackServer? server;
    private int failuresLeft;

    public Uri Url => new(server!.BaseUrl, "/webhooks/stripe");

    public IReadOnlyList<CapturedWebhook> Received => received.ToArray();

    public static async Task<WebhookListener> StartAsync(int failFirst = 0)
    {
        var listener = new WebhookListener { failuresLeft = failFirst };
        listener.server = await LoopbackServer.StartAsync(listener.HandleAsync);
        return listener;
    }

    /// <summary>Waits until a delivery of the given event type arrived; deliveries of API-caused events come after the API answer.</summary>
    public async Task<CapturedWebhook> WaitForAsync(string eventType, TimeSpan? timeout = null)
    {
        var limit = Patience.For(timeout ?? TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var match = received.FirstOrDefault(w => w.Text.Contains($"\"type\": \"{eventType}\"", StringComparison.Ordinal));
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No {eventType} delivery arrived within {Patience.Describe(limit)}; got: {string.Join(", ", received.Select(r => r.Text.Length))} bytes.");
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            context.Response.StatusCode = 500;
            return;
        }

        received.Enqueue(new CapturedWebhook(buffer.ToArray(), context.Request.Headers["Stripe-Signature"].FirstOrDefault(), context.Request.ContentType));
        context.Response.StatusCode = 200;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
