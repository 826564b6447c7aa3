using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Secretless.Cli.Logging;

/// <summary>
/// Formats the message on the caller's thread and hands it to the shared <see cref="ConsoleLogWriter"/>.
/// Levels and categories are filtered by the logger factory's rules before this is called.
/// </summary>
internal sealed class BatchingConsoleLogger : ILogger
{
    private const string OriginalFormatKey = "{OriginalFormat}";

    private readonly string _category;
    private readonly ConsoleLogWriter _writer;
    private readonly TimeProvider _time;
    private readonly bool _captureFields;

    public BatchingConsoleLogger(string category, ConsoleLogWriter writer, TimeProvider time, bool captureFields)
    {
        _category = category;
        _writer = writer;
        _time = time;
        _captureFields = captureFields;
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        if (string.IsNullOrEmpty(message) && exception is null)
        {
            return;
        }

        var fields = _captureFields && state is IReadOnlyList<KeyValuePair<string, object?>> values ? Capture(values) : null;
        _writer.Enqueue(new ConsoleLogEntry(_time.GetUtcNow(), logLevel, _category, eventId, message, exception?.ToString(), fields));
    }

    // Values are copied now (numbers and booleans as they are, times in ISO 8601, everything else
    // as its invariant string) so the writer thread never reads an object the caller goes on changing.
    private static KeyValuePair<string, object?>[]? Capture(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var count = 0;
        foreach (var pair in values)
        {
            count += pair.Key == OriginalFormatKey ? 0 : 1;
        }

        if (count == 0)
        {
            return null;
        }

        var fields = new KeyValuePair<string, object?>[count];
        var index = 0;
        foreach (var (key, value) in values)
        {
            if (key != OriginalFormatKey)
            {
                fields[index++] = new(key, value switch
                {
                    null or string or bool or int or long or short or byte or sbyte or ushort or uint or ulong or double or float or decimal => value,
                    DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
                    DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                });
            }
        }

        return fields;
    }
}
