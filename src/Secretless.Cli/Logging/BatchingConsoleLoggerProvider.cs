using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Secretless.Cli.Logging;

/// <summary>
/// Console logging for <c>serve</c> through a shared <see cref="ConsoleLogWriter"/> (one per
/// process, owned by the caller: every region's host logs through the same writer).
/// </summary>
[ProviderAlias("Console")]
internal sealed class BatchingConsoleLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, BatchingConsoleLogger> _loggers = new(StringComparer.Ordinal);
    private readonly ConsoleLogWriter _writer;
    private readonly TimeProvider _time;
    private readonly bool _captureFields;

    /// <param name="captureFields">Copy each event's named values (the JSON format writes them).</param>
    public BatchingConsoleLoggerProvider(ConsoleLogWriter writer, TimeProvider time, bool captureFields)
    {
        _writer = writer;
        _time = time;
        _captureFields = captureFields;
    }

    public ILogger CreateLogger(string categoryName)
        => _loggers.GetOrAdd(categoryName, name => new BatchingConsoleLogger(name, _writer, _time, _captureFields));

    public void Dispose()
    {
        // The writer outlives the hosts that log through it; its owner disposes it.
    }
}
