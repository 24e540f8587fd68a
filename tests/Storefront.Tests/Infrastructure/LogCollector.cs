using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Storefront.Tests.Infrastructure;

/// <summary>Keeps what the server logged at Error or above, so a test can fail on it even when the page looked fine.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> errors = new();

    public IReadOnlyCollection<string> Errors => errors;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors);

    public void AssertNoErrors() =>
        Assert.True(errors.IsEmpty, "The server logged errors:\n" + string.Join("\n---\n", errors));

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
