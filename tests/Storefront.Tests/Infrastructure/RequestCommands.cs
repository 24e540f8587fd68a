using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// The SQL commands one shop runs while answering HTTP requests, read from EF Core's diagnostic events: background work
/// (pollers, the outbox) has no request, and other shops of the test run listen on other ports.
/// </summary>
public sealed class RequestCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly HttpContextAccessor Accessor = new();
    private readonly int port;
    private readonly ConcurrentQueue<string> commands = new();
    private readonly List<IDisposable> subscriptions = [];
    private readonly IDisposable listeners;

    public RequestCommands(StorefrontApp app)
    {
        port = app.BaseAddress.Port;
        listeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public IReadOnlyList<string> Texts => [.. commands];

    public void Clear() => commands.Clear();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data
            && Accessor.HttpContext?.Connection.LocalPort == port)
        {
            commands.Enqueue(data.Command.CommandText);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        listeners.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
