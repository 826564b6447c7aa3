namespace Secretless.Cli.Logging;

/// <summary>How <c>serve</c> writes its log lines to stderr (<c>--log-format</c>).</summary>
internal enum ConsoleLogFormat
{
    /// <summary>One line per event: <c>HH:mm:ss info: Category[EventId] message</c> (local time).</summary>
    Text,

    /// <summary>One JSON object per line with the event's fields, for log shippers.</summary>
    Json,
}
