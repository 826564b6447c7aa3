using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Secretless.Core.Tests.TestDoubles;

/// <summary>Keeps every log line so tests can check what is (and is not) logged.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(EventId EventId, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((eventId, formatter(state, exception)));
}
