using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace UrbanTwin.Grains.Tests.Storage;

/// <summary>The exceptions a host has logged, so a test can wait until a failure it caused has been reported.</summary>
internal sealed class LoggedExceptions : ILoggerProvider
{
    private readonly ConcurrentQueue<Exception> _exceptions = new();

    /// <summary>Whether an exception mentioning <paramref name="text"/> (in its message or an inner one) has been logged.</summary>
    public bool Mention(string text) => _exceptions.Any(e => e.ToString().Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(_exceptions);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<Exception> exceptions) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                exceptions.Enqueue(exception);
            }
        }
    }
}
