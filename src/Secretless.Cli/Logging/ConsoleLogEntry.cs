using Microsoft.Extensions.Logging;

namespace Secretless.Cli.Logging;

/// <summary>
/// One log event as the calling thread captured it: the message is already formatted and the
/// exception already rendered, so the writer thread never touches objects the caller may change.
/// </summary>
internal readonly record struct ConsoleLogEntry(
    DateTimeOffset Timestamp,
    LogLevel Level,
    string Category,
    EventId EventId,
    string Message,
    string? Exception,
    KeyValuePair<string, object?>[]? Fields);
