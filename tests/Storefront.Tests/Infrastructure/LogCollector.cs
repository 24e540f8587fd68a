using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Storefront.Tests.Infrastructure;

/// <summary>
/// Keeps what the server logged at Error or above, so a test can fail on it even when the page looked fine,
/// its warnings, for tests of what an operator is told, and every line at any level, so a test can prove a
/// secret was never written to the log.
/// </summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentQueue<string> warnings = new();
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Errors => errors;

    public IReadOnlyCollection<string> Warnings => warnings;

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors, warnings, lines);

    public void AssertNeverLogged(string secret) =>
        Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));

    public void AssertNoErrors() =>
        Assert.True(errors.IsEmpty, "The server logged errors:\n" + string.Join("\n---\n", errors));

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> errors, ConcurrentQueue<string> warnings, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            lines.Enqueue(line);
            if (logLevel >= LogLevel.Warning)
            {
                (logLevel >= LogLevel.Error ? errors : warnings).Enqueue(line);
            }
        }
    }
}
