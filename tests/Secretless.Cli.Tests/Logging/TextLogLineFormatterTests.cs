using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using Secretless.Cli.Logging;

namespace Secretless.Cli.Tests.Logging;

public sealed class TextLogLineFormatterTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 30, 12, 6, 19, TimeSpan.Zero);

    [Fact]
    public void Write_Information_HasTheSingleLineConsoleLayoutInLocalTime()
    {
        var line = Format(new TextLogLineFormatter(color: false), Entry(LogLevel.Information, "Provisioned device sensor-1"));

        var local = Time.ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{local} info: Secretless.Core.Provisioning.DeviceProvisioner[1000] Provisioned device sensor-1\n", line);
    }

    [Theory]
    [InlineData(LogLevel.Trace, "trce")]
    [InlineData(LogLevel.Debug, "dbug")]
    [InlineData(LogLevel.Warning, "warn")]
    [InlineData(LogLevel.Error, "fail")]
    [InlineData(LogLevel.Critical, "crit")]
    public void Write_Level_UsesTheFourLetterName(LogLevel level, string name)
    {
        var line = Format(new TextLogLineFormatter(color: false), Entry(level, "m"));

        Assert.Contains($" {name}: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MessageWithLineBreaksAndEscapes_StaysOneLineWithoutControlCharacters()
    {
        // A device id is whatever the CSR's CN says: it must not forge a second line or drive a terminal.
        var line = Format(new TextLogLineFormatter(color: false), Entry(LogLevel.Warning, "device evil\r\n12:00:00 info: forged\u001b[2J\ttab\u0085end"));

        Assert.EndsWith("device evil 12:00:00 info: forged?[2J tab?end\n", line, StringComparison.Ordinal);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Write_Exception_FollowsTheMessageOnTheSameLine()
    {
        var entry = Entry(LogLevel.Error, "request failed") with { Exception = "System.InvalidOperationException: boom\n   at Somewhere()" };

        var line = Format(new TextLogLineFormatter(color: false), entry);

        Assert.EndsWith("] request failed System.InvalidOperationException: boom    at Somewhere()\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NonAsciiMessage_IsUtf8()
    {
        var line = Format(new TextLogLineFormatter(color: false), Entry(LogLevel.Information, "Gerät ünïcode ✓"));

        Assert.EndsWith("] Gerät ünïcode ✓\n", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Color_WrapsOnlyTheLevel()
    {
        var line = Format(new TextLogLineFormatter(color: true), Entry(LogLevel.Warning, "slow"));

        Assert.Contains(" \u001b[33mwarn\u001b[0m: Secretless", line, StringComparison.Ordinal);
        Assert.EndsWith("] slow\n", line, StringComparison.Ordinal);
    }

    internal static ConsoleLogEntry Entry(LogLevel level, string message)
        => new(Time, level, "Secretless.Core.Provisioning.DeviceProvisioner", new EventId(1000, "DeviceProvisioned"), message, null, null);

    internal static string Format(ILogLineFormatter formatter, ConsoleLogEntry entry)
    {
        var buffer = new ArrayBufferWriter<byte>();
        formatter.Write(entry, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
