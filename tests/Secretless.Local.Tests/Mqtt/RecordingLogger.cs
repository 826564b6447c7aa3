using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Secretless.Local.Tests.Mqtt;

/// <summary>Keeps every log entry so tests can check the broker logged why it refused.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(int EventId, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(int EventId, LogLevel Level, string Message)> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }

    public bool Has(int eventId, string fragment)
        => _entries.Any(entry => entry.EventId == eventId && entry.Message.Contains(fragment, StringComparison.Ordinal));
}
