using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Keeps what the server logged at Error or above, so a test can fail on it even when the page looked fine,
/// and its warnings, for tests of what an operator is told.
/// </summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentQueue<string> warnings = new();

    public IReadOnlyCollection<string> Errors => errors;

    public IReadOnlyCollection<string> Warnings => warnings;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors, warnings);

    public void AssertNoErrors() =>
        Assert.True(errors.IsEmpty, "The server logged errors:\n" + string.Join("\n---\n", errors));

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> errors, ConcurrentQueue<string> warnings) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                (logLevel >= LogLevel.Error ? errors : warnings).Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
