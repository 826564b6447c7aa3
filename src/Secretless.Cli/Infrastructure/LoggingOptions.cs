using System.CommandLine;
using Microsoft.Extensions.Logging;
using Secretless.Cli.Logging;

namespace Secretless.Cli.Infrastructure;

/// <summary><c>serve</c>'s <c>--log-level</c> and <c>--log-format</c>.</summary>
internal sealed class LoggingOptions
{
    private static readonly Dictionary<string, LogLevel> Levels =
        Enum.GetValues<LogLevel>().ToDictionary(ConsoleLogging.LevelName, StringComparer.Ordinal);

    public LoggingOptions()
    {
        Level = new Option<string>("--log-level")
        {
            Description = "Lowest level written to stderr: trace, debug, information (one line per request and per provisioning), warning, error, critical or none. Framework (Microsoft.*) events: warning and above.",
            DefaultValueFactory = _ => "information",
            HelpName = "LEVEL",
        };
        Level.AcceptOnlyFromAmong([.. Levels.Keys]);
        Format = new Option<string>("--log-format")
        {
            Description = "text: 'HH:mm:ss info: Category[EventId] message' (local time); json: one object per line with time (UTC), level, category, eventId, event, message and the event's fields.",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json",
        };
        Format.AcceptOnlyFromAmong("text", "json");
    }

    public Option<string> Level { get; }

    public Option<string> Format { get; }

    public IEnumerable<Option> All => [Level, Format];

    public bool IsJson(ParseResult parseResult) => parseResult.GetValue(Format) == "json";

    /// <summary>The logging the options ask for, writing to stderr.</summary>
    public ConsoleLogging Create(ParseResult parseResult) => ConsoleLogging.ToStandardError(
        Levels[parseResult.GetValue(Level) ?? "information"],
        IsJson(parseResult) ? ConsoleLogFormat.Json : ConsoleLogFormat.Text);
}
