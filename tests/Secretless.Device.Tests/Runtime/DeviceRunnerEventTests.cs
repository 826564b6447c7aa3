using System.Text.Json;
using Secretless.Device.Runtime;

namespace Secretless.Device.Tests.Runtime;

public sealed class DeviceRunnerEventTests
{
    [Fact]
    public void ToJsonLine_Provisioned_HasContractFieldsInUtcAndNoNulls()
    {
        var at = new DateTimeOffset(2026, 11, 29, 23, 6, 34, 123, TimeSpan.FromHours(2));
        var runnerEvent = new DeviceRunnerEvent(DeviceRunnerEventNames.Provisioned, "sensor-1", at)
        {
            CertificateId = "abc",
            Issuer = "CN=Secretless Issuing CA 2",
            NotAfter = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Endpoint = "localhost:8883",
            Reason = ProvisioningReasons.RenewalDue,
        };

        var line = runnerEvent.ToJsonLine();

        Assert.DoesNotContain('\n', line);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(
            ["event", "deviceId", "at", "certificateId", "issuer", "notAfter", "endpoint", "reason"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("provisioned", root.GetProperty("event").GetString());
        Assert.Equal("2026-11-29T21:06:34.123Z", root.GetProperty("at").GetString());
        Assert.Equal("2027-01-01T00:00:00.000Z", root.GetProperty("notAfter").GetString());
        Assert.Equal("renewal-due", root.GetProperty("reason").GetString());
    }

    [Fact]
    public void ToJsonLine_Refused_CarriesStageAndRetryInSeconds()
    {
        var runnerEvent = new DeviceRunnerEvent(DeviceRunnerEventNames.Refused, "sensor-1", DateTimeOffset.UnixEpoch)
        {
            CertificateId = "abc",
            Stage = "connect",
            Reason = "CONNACK 134 BadUserNameOrPassword",
            RetryInSeconds = 1.25,
        };

        using var json = JsonDocument.Parse(runnerEvent.ToJsonLine());

        Assert.Equal("connect", json.RootElement.GetProperty("stage").GetString());
        Assert.Equal(1.25, json.RootElement.GetProperty("retryInSeconds").GetDouble());
        Assert.False(json.RootElement.TryGetProperty("message", out _));
    }

    [Fact]
    public void Write_ManyThreads_EveryLineIsWholeJson()
    {
        using var output = new StringWriter();
        var writer = new DeviceRunnerEventWriter(output);

        Parallel.For(0, 200, i => writer.Write(new DeviceRunnerEvent(DeviceRunnerEventNames.Heartbeat, $"device-{i}", DateTimeOffset.UnixEpoch) { CertificateId = new string('a', 64) }));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200, lines.Length);
        Assert.Equal(200, lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("deviceId").GetString()).Distinct().Count());
    }
}
