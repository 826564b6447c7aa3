using System.Text;
using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;
using Secretless.TestSupport.Network;

namespace Secretless.Cli.Tests;

/// <summary>
/// <c>serve</c> as a real process with its MQTT endpoint on a free loopback port, used as the README
/// shows: a device made with openssl and provisioned with curl connects with <c>mosquitto_pub</c>
/// and with <c>secretless device connect</c>; after <c>certs revoke</c> both are refused.
/// </summary>
public sealed class MqttEndpointTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServeMqtt_ReadmeDevice_ConnectsWithMosquittoAndCliUntilRevoked()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var data = temp.File("data");
        var port = LoopbackPorts.Free();
        using var server = CliProcess.Start(["serve", "--urls", "https://127.0.0.1:0", "--mqtt-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data]);
        var url = (await server.WaitForOutputLineAsync(line => line.StartsWith("Listening on:", StringComparison.Ordinal), StartTimeout))["Listening on:".Length..].Trim();
        var mqttLine = await server.WaitForOutputLineAsync(line => line.StartsWith("MQTT:", StringComparison.Ordinal), StartTimeout);
        Assert.Contains($"127.0.0.1:{port}", mqttLine, StringComparison.Ordinal);
        var ca = Path.Combine(data, "pki", "ca-chain.pem");

        // The README walkthrough: openssl key and CSR, manifest line, import, curl POST /new.
        var device = temp.File("sensor-0001");
        Directory.CreateDirectory(device);
        await OpenSsl.RunAsync(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "device.key"], device);
        await OpenSsl.RunAsync(["req", "-new", "-key", "device.key", "-subj", "/CN=sensor-0001", "-out", "device.csr"], device);
        var publicPem = await OpenSsl.RunAsync(["ec", "-in", "device.key", "-pubout"], device);
        await File.WriteAllTextAsync(Path.Combine(device, "manifest.csv"), "sensor-0001," + Convert.ToBase64String(Encoding.ASCII.GetBytes(publicPem)) + "\n");
        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "import", Path.Combine(device, "manifest.csv"), "--data", data)).ExitCode);
        var header = "device-csr: " + Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(device, "device.csr")));
        var curl = await ExternalTool.RunAsync("curl", ["-sS", "--cacert", ca, "-X", "POST", url.TrimEnd('/') + "/new", "-H", header]);
        Assert.True(curl.ExitCode == 0, curl.ToString());
        string certificateId;
        using (var response = JsonDocument.Parse(curl.StandardOutput))
        {
            Assert.Equal($"localhost:{port}", response.RootElement.GetProperty("endpoint").GetString());
            certificateId = response.RootElement.GetProperty("certificateId").GetString()!;
            await File.WriteAllTextAsync(Path.Combine(device, "certificate.pem"), response.RootElement.GetProperty("certificate").GetString());
        }

        var thing = await InProcessCli.RunAsync("things", "show", "sensor-0001", "--data", data);
        Assert.True(thing.ExitCode == 0, thing.ToString());
        Assert.Contains($"{certificateId}  active", thing.StandardOutput, StringComparison.Ordinal);

        // The README's mosquitto_pub line, flag for flag (only the port differs).
        string[] mosquittoPub = ["-h", "localhost", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cafile", ca, "--cert", "certificate.pem", "--key", "device.key", "-i", "sensor-0001", "-t", "things/sensor-0001/telemetry", "-m", "{\"temp\":21}"];
        var published = await ExternalTool.RunAsync("mosquitto_pub", mosquittoPub, device);
        Assert.True(published.ExitCode == 0, published.ToString());

        var connect = await CliProcess.RunAsync(
            ["device", "connect", "--cert", Path.Combine(device, "certificate.pem"), "--key", Path.Combine(device, "device.key"), "--endpoint", $"localhost:{port}",
             "--publish", "things/sensor-0001/telemetry", "{\"temp\":22}", "--data", data, "--json"]);
        Assert.True(connect.ExitCode == 0, connect.ToString());
        using (var report = JsonDocument.Parse(connect.StandardOutput))
        {
            Assert.Equal("sensor-0001", report.RootElement.GetProperty("clientId").GetString());
            Assert.Equal(certificateId, report.RootElement.GetProperty("certificateId").GetString());
            Assert.Equal(0, report.RootElement.GetProperty("connectReasonCode").GetInt32());
            Assert.True(report.RootElement.GetProperty("published").GetProperty("reasonCode").GetInt32() < 0x80);
        }

        // Another thing's topic: the endpoint closes the connection, mosquitto_pub (QoS 1) fails.
        var foreignTopic = mosquittoPub.Select(arg => arg == "things/sensor-0001/telemetry" ? "things/sensor-0002/telemetry" : arg).Append("-q").Append("1");
        Assert.NotEqual(0, (await ExternalTool.RunAsync("mosquitto_pub", foreignTopic, device)).ExitCode);

        var revoke = await InProcessCli.RunAsync("certs", "revoke", certificateId, "--data", data);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Contains("active -> revoked", revoke.StandardOutput, StringComparison.Ordinal);

        var refused = await CliProcess.RunAsync(
            ["device", "connect", "--cert", Path.Combine(device, "certificate.pem"), "--key", Path.Combine(device, "device.key"), "--endpoint", $"localhost:{port}", "--data", data]);
        Assert.True(refused.ExitCode == 6, refused.ToString());
        Assert.Contains("135 NotAuthorized", refused.StandardError, StringComparison.Ordinal);
        var mosquittoRefused = await ExternalTool.RunAsync("mosquitto_pub", mosquittoPub, device);
        Assert.NotEqual(0, mosquittoRefused.ExitCode);
        Assert.Contains("not authorised", mosquittoRefused.StandardError, StringComparison.Ordinal);

        var reactivate = await InProcessCli.RunAsync("certs", "activate", certificateId, "--data", data);
        Assert.Equal(1, reactivate.ExitCode);
        Assert.Contains("revocation is final", reactivate.StandardError, StringComparison.Ordinal);

        await server.InterruptAsync();
        var stopped = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
    }

    [Fact]
    public async Task DeviceConnect_NothingListening_ExitsUnreachable()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var files = await RegistryFixture.CreateDeviceFilesAsync(temp, "sensor-1");

        var result = await InProcessCli.RunAsync(
            "device", "connect", "--cert", files.CertificatePath, "--key", files.KeyPath, "--ca", files.CaPath, "--endpoint", $"127.0.0.1:{LoopbackPorts.Free()}");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("cannot reach 127.0.0.1:", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceConnect_PublishWithOneValue_ExitsUsageError()
    {
        var result = await InProcessCli.RunAsync("device", "connect", "--cert", "c.pem", "--key", "k.pem", "--publish", "things/x/telemetry");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--publish", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MqttPortZero_ExitsUsageError()
    {
        var result = await InProcessCli.RunAsync("serve", "--mqtt-port", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--mqtt-port must be between 1 and 65535", result.StandardError, StringComparison.Ordinal);
    }
}
