using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Storefront.Stripe.Tests.Infrastructure;

public sealed record SeenRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Answers the requests it gets from a script, one step per request (the last step repeats):
/// a status with a body, or <see cref="Drop"/> to cut the connection without an answer.
/// </summary>
public sealed class ScriptedStripeServer : IAsyncDisposable
{
    public const int Drop = -1;

    private readonly ConcurrentQueue<SeenRequest> seen = new();
    private readonly (int Status, string Body)[] script;
    private LoopbackServer? server;
    private int next = -1;

    private ScriptedStripeServer((int Status, string Body)[] script) => this.script = script;

    public Uri BaseUrl => server!.BaseUrl;

    public IReadOnlyList<SeenRequest> Requests => seen.ToArray();

    public static async Task<ScriptedStripeServer> StartAsync(params (int Status, string Body)[] script)
    {
        var scripted = new ScriptedStripeServer(script);
        scripted.server = await LoopbackServer.StartAsync(scripted.HandleAsync);
        return scripted;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        seen.Enqueue(new SeenRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        var (status, answer) = script[Math.Min(Interlocked.Increment(ref next), script.Length - 1)];
        if (status == Drop)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = $"req_scripted{next}";
        await context.Response.WriteAsync(answer);
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
