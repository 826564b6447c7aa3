using Microsoft.Extensions.Logging;

namespace Secretless.Cli.Logging;

/// <summary>
/// <c>serve</c>'s logging: every event at or above the chosen level as one line on stderr, text
/// or JSON, through one batching writer for the whole process. Framework categories
/// (<c>Microsoft.*</c>) log warnings and above whatever the level; the host's own start-up noise
/// is off (a start-up failure becomes one 'error:' line from the command instead).
/// </summary>
internal sealed class ConsoleLogging : IDisposable
{
    private readonly ConsoleLogWriter _writer;
    private readonly LogLevel _minimum;
    private readonly bool _captureFields;
    private readonly TimeProvider _time;

    public ConsoleLogging(Stream output, LogLevel minimum, ConsoleLogFormat format, bool color, TimeProvider time)
    {
        _minimum = minimum;
        _captureFields = format == ConsoleLogFormat.Json;
        _time = time;
        _writer = new ConsoleLogWriter(output, format == ConsoleLogFormat.Json ? new JsonLogLineFormatter() : new TextLogLineFormatter(color));
    }

    /// <summary>To this process's stderr; colours only on a terminal and without <c>NO_COLOR</c>.</summary>
    public static ConsoleLogging ToStandardError(LogLevel minimum, ConsoleLogFormat format)
    {
        var color = format == ConsoleLogFormat.Text
            && !Console.IsErrorRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new ConsoleLogging(Console.OpenStandardError(), minimum, format, color, TimeProvider.System);
    }

    /// <summary>A level as <c>--log-level</c> spells it and JSON lines name it.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "information",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };

    public void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(_minimum);
        logging.AddFilter("Microsoft", _minimum > LogLevel.Warning ? _minimum : LogLevel.Warning);
        logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        logging.AddProvider(new BatchingConsoleLoggerProvider(_writer, _time, _captureFields));
    }

    /// <summary>Writes the lines still queued.</summary>
    public void Dispose() => _writer.Dispose();
}
