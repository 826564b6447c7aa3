using System.Text.Json;
using Microsoft.Extensions.Logging;
using Secretless.Cli.Logging;

namespace Secretless.Cli.Tests.Logging;

public sealed class BatchingConsoleLoggerTests
{
    private static readonly Action<ILogger, string, int, DateTimeOffset, Exception?> Provisioned = LoggerMessage.Define<string, int, DateTimeOffset>(
        LogLevel.Information, new EventId(1000, "Provisioned"), "Provisioned {DeviceId} after {Attempts} attempts at {At:o}");

    [Fact]
    public void Log_JsonProvider_WritesTheTemplatesNamedValuesAsFields()
    {
        using var stream = new RecordingStream();
        using (var writer = new ConsoleLogWriter(stream, new JsonLogLineFormatter()))
        {
            var logger = new BatchingConsoleLoggerProvider(writer, TimeProvider.System, captureFields: true).CreateLogger("Secretless.Test");
            Provisioned(logger, "sensor-1", 2, new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(1)), null);
        }

        using var json = JsonDocument.Parse(Assert.Single(stream.Lines));
        var fields = json.RootElement.GetProperty("fields");
        Assert.Equal("sensor-1", fields.GetProperty("DeviceId").GetString());
        Assert.Equal(2, fields.GetProperty("Attempts").GetInt32());
        Assert.Equal("2026-11-30T08:00:00.0000000+01:00", fields.GetProperty("At").GetString());
        Assert.False(fields.TryGetProperty("{OriginalFormat}", out _));
        Assert.Equal("Provisioned sensor-1 after 2 attempts at 2026-11-30T08:00:00.0000000+01:00", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("Provisioned", json.RootElement.GetProperty("event").GetString());
    }

    [Fact]
    public void Log_TextProvider_CapturesNoFieldsAndSkipsEmptyMessages()
    {
        using var stream = new RecordingStream();
        using (var writer = new ConsoleLogWriter(stream, new TextLogLineFormatter(color: false)))
        {
            var logger = new BatchingConsoleLoggerProvider(writer, TimeProvider.System, captureFields: false).CreateLogger("Secretless.Test");
            logger.Log(LogLevel.Information, new EventId(5), "state", null, (_, _) => string.Empty);
            logger.Log(LogLevel.None, new EventId(6), "state", null, (_, _) => "never");
            Provisioned(logger, "sensor-2", 1, DateTimeOffset.UnixEpoch, null);
        }

        var line = Assert.Single(stream.Lines);
        Assert.EndsWith(" info: Secretless.Test[1000] Provisioned sensor-2 after 1 attempts at 1970-01-01T00:00:00.0000000+00:00", line, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateLogger_SameCategory_ReturnsTheSameLogger()
    {
        using var stream = new RecordingStream();
        using var writer = new ConsoleLogWriter(stream, new TextLogLineFormatter(color: false));
        var provider = new BatchingConsoleLoggerProvider(writer, TimeProvider.System, captureFields: false);

        Assert.Same(provider.CreateLogger("A"), provider.CreateLogger("A"));
        Assert.NotSame(provider.CreateLogger("A"), provider.CreateLogger("B"));
    }
}
