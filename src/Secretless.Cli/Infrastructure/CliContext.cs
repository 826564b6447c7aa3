using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// What every command shares for one invocation: the output writers, the Spectre consoles built
/// on them, the clock and the global <c>--data</c> option. Built per run so in-process runs in
/// parallel (tests) never share state.
/// </summary>
public sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        Out = stdout;
        Error = stderr;
        Time = time;
        Console = CreateConsole(stdout);
        ErrorConsole = CreateConsole(stderr);
        DataOption = new Option<DirectoryInfo?>("--data")
        {
            Description = "Data directory (database, PKI). Default: $SECRETLESS_DATA, else $XDG_DATA_HOME/secretless, else ~/.local/share/secretless.",
            HelpName = "DIR",
            Recursive = true,
        };
        ConfigOption = new Option<FileInfo?>("--config")
        {
            Description = "JSON configuration file choosing the backends (Secretless:<Port>:Type and options; see docs/configuration.md). Environment variables such as Secretless__Directory__Type override it.",
            HelpName = "FILE",
            Recursive = true,
        };
    }

    /// <summary>Data on stdout: tables, JSON, manifest lines.</summary>
    public TextWriter Out { get; }

    /// <summary>Errors, warnings and progress: never mixed into data on stdout.</summary>
    public TextWriter Error { get; }

    public IAnsiConsole Console { get; }

    public IAnsiConsole ErrorConsole { get; }

    public TimeProvider Time { get; }

    public Option<DirectoryInfo?> DataOption { get; }

    public Option<FileInfo?> ConfigOption { get; }

    public static Option<bool> CreateJsonOption() => new("--json")
    {
        Description = "Print machine-readable JSON on stdout (nothing else goes to stdout).",
    };

    public string ResolveDataRoot(ParseResult parseResult)
    {
        var given = parseResult.GetValue(DataOption);
        return given is not null ? given.FullName : Local.SecretlessDataDirectory.ResolveDefault();
    }

    /// <summary>The <c>--config</c> file (if given) overlaid with environment variables, ASP.NET style.</summary>
    public IConfiguration LoadConfiguration(ParseResult parseResult) => CliConfiguration.Load(parseResult.GetValue(ConfigOption));

    public void WriteJson<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        Out.WriteLine(JsonSerializer.Serialize(value, typeInfo));
    }

    public void WriteError(string message) => Error.WriteLine($"error: {message}");

    private static IAnsiConsole CreateConsole(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Detect,
    });
}
