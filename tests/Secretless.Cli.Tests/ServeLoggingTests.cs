using System.Globalization;
using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;
using Secretless.TestSupport.Network;

namespace Secretless.Cli.Tests;

/// <summary><c>serve --log-level|--log-format</c> on a real process: what reaches stderr.</summary>
public sealed class ServeLoggingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serve_LogFormatJson_WritesOneJsonObjectPerLineWithTheEventsFields()
    {
        using var temp = new TemporaryDirectory("secretless-serve-logging");
        var data = temp.File("data");
        using var server = StartServe(data, "--log-format", "json");
        var url = await ListeningUrlAsync(server);

        await ProvisionAsync(temp, data, url, "sensor-json", register: true);

        var line = await server.WaitForErrorLineAsync(line => line.Contains("\"eventId\":1000,", StringComparison.Ordinal), Timeout);
        using (var json = JsonDocument.Parse(line))
        {
            Assert.Equal("information", json.RootElement.GetProperty("level").GetString());
            Assert.Equal("Secretless.Core.Provisioning.DeviceProvisioner", json.RootElement.GetProperty("category").GetString());
            Assert.Equal("Provisioned", json.RootElement.GetProperty("event").GetString());
            Assert.Equal("sensor-json", json.RootElement.GetProperty("fields").GetProperty("DeviceId").GetString());
            Assert.Equal(64, json.RootElement.GetProperty("fields").GetProperty("CertificateId").GetString()!.Length);
        }

        await server.InterruptAsync();
        var result = await server.WaitForExitAsync(Timeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.Contains("\"eventId\":2010,", StringComparison.Ordinal));
        foreach (var stderrLine in lines)
        {
            // Every stderr line parses: no human notes ("created a new local PKI", "stopped.") in between.
            using var parsed = JsonDocument.Parse(stderrLine);
            Assert.True(parsed.RootElement.TryGetProperty("eventId", out _), stderrLine);
        }
    }

    [Fact]
    public async Task Serve_LogLevelWarning_WritesRefusalsButNoInformationLines()
    {
        using var temp = new TemporaryDirectory("secretless-serve-logging");
        var data = temp.File("data");
        using var server = StartServe(data, "--log-level", "warning");
        var url = await ListeningUrlAsync(server);

        // The provisioning's information lines are queued before the refusal's warning.
        await ProvisionAsync(temp, data, url, "sensor-known", register: true);
        await ProvisionAsync(temp, data, url, "sensor-stranger", register: false);
        await server.WaitForErrorLineAsync(line => line.Contains(" warn: ", StringComparison.Ordinal) && line.Contains("sensor-stranger: 404", StringComparison.Ordinal), Timeout);

        await server.InterruptAsync();
        var result = await server.WaitForExitAsync(Timeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(" info: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("stopped.", result.StandardError, StringComparison.Ordinal);
    }

    private static CliProcess StartServe(string data, params string[] logging)
    {
        var mqttPort = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        return CliProcess.Start(["serve", "--urls", "https://127.0.0.1:0", "--mqtt-port", mqttPort, "--data", data, .. logging]);
    }

    private static async Task<string> ListeningUrlAsync(CliProcess server)
    {
        var line = await server.WaitForOutputLineAsync(line => line.StartsWith("Listening on:", StringComparison.Ordinal), Timeout);
        return line["Listening on:".Length..].Trim();
    }

    private static async Task ProvisionAsync(TemporaryDirectory temp, string data, string url, string id, bool register)
    {
        var keygen = await InProcessCli.RunAsync("device", "keygen", "--id", id, "--out", temp.File("keys"));
        Assert.Equal(0, keygen.ExitCode);
        if (register)
        {
            await File.WriteAllTextAsync(temp.File($"{id}.csv"), keygen.StandardOutput);
            Assert.Equal(0, (await InProcessCli.RunAsync("devices", "import", temp.File($"{id}.csv"), "--data", data)).ExitCode);
        }

        var provision = await InProcessCli.RunAsync(
            "device", "provision", "--id", id, "--key", temp.File($"keys/{id}.key"), "--server", url, "--out", temp.File(id), "--data", data);
        Assert.True(provision.ExitCode == (register ? 0 : 6), provision.ToString());
    }
}
