using System.Text.Json;
using Microsoft.Extensions.Logging;
using Secretless.Cli.Logging;

namespace Secretless.Cli.Tests.Logging;

public sealed class JsonLogLineFormatterTests
{
    [Fact]
    public void Write_Entry_IsOneJsonObjectPerLineWithTypedFields()
    {
        var entry = TextLogLineFormatterTests.Entry(LogLevel.Information, "Provisioned device sensor-1") with
        {
            Fields = [new("DeviceId", "sensor-1"), new("Attempt", 3), new("Renewal", false), new("Missing", null)],
        };

        var line = TextLogLineFormatterTests.Format(new JsonLogLineFormatter(), entry);

        Assert.EndsWith("}\n", line, StringComparison.Ordinal);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 6, 19, TimeSpan.Zero), root.GetProperty("time").GetDateTimeOffset());
        Assert.EndsWith("Z", root.GetProperty("time").GetString(), StringComparison.Ordinal);
        Assert.Equal("information", root.GetProperty("level").GetString());
        Assert.Equal("Secretless.Core.Provisioning.DeviceProvisioner", root.GetProperty("category").GetString());
        Assert.Equal(1000, root.GetProperty("eventId").GetInt32());
        Assert.Equal("DeviceProvisioned", root.GetProperty("event").GetString());
        Assert.Equal("Provisioned device sensor-1", root.GetProperty("message").GetString());
        var fields = root.GetProperty("fields");
        Assert.Equal("sensor-1", fields.GetProperty("DeviceId").GetString());
        Assert.Equal(3, fields.GetProperty("Attempt").GetInt32());
        Assert.Equal(JsonValueKind.False, fields.GetProperty("Renewal").ValueKind);
        Assert.Equal(JsonValueKind.Null, fields.GetProperty("Missing").ValueKind);
        Assert.False(root.TryGetProperty("exception", out _));
    }

    [Fact]
    public void Write_ControlCharactersQuotesAndException_AreEscapedIntoOneLine()
    {
        var entry = TextLogLineFormatterTests.Entry(LogLevel.Error, "bad \"id\"\n\u001b[2J") with
        {
            Exception = "System.Exception: boom\n   at X()",
            Fields = [new("DeviceId", "a\nb")],
        };

        var line = TextLogLineFormatterTests.Format(new JsonLogLineFormatter(), entry);

        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain('\u001b', line);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("error", json.RootElement.GetProperty("level").GetString());
        Assert.Equal("bad \"id\"\n\u001b[2J", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("System.Exception: boom\n   at X()", json.RootElement.GetProperty("exception").GetString());
        Assert.Equal("a\nb", json.RootElement.GetProperty("fields").GetProperty("DeviceId").GetString());
    }

    [Fact]
    public void Write_TwoEntries_ReusesTheWriterWithoutCarryingState()
    {
        var formatter = new JsonLogLineFormatter();
        var first = TextLogLineFormatterTests.Format(formatter, TextLogLineFormatterTests.Entry(LogLevel.Warning, "one"));
        var second = TextLogLineFormatterTests.Format(formatter, TextLogLineFormatterTests.Entry(LogLevel.Warning, "two"));

        using var json = JsonDocument.Parse(second);
        Assert.Equal("two", json.RootElement.GetProperty("message").GetString());
        Assert.Equal(first.Replace("\"one\"", "\"two\"", StringComparison.Ordinal), second);
    }
}
