using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;
using Secretless.TestSupport.Network;

namespace Secretless.Cli.Tests;

/// <summary>
/// <c>serve --regions</c> as a real process: two regions with their own registry files and MQTT
/// endpoints, latent replication between them, checked with real <c>mosquitto_pub</c> connections.
/// </summary>
public sealed class ServeRegionsTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReplicationTimeout = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory _temp = new("secretless-regions");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ServeRegions_ReplicationDelay_BRefusesThenAcceptsAndEnforcesARevocation()
    {
        var data = _temp.File("data");
        var port = LoopbackPorts.FreeConsecutive(2);
        using var server = StartServe(data, port, replicationDelaySeconds: 5);
        using var report = await ReadReportAsync(server);
        var regions = report.RootElement.GetProperty("regions");
        Assert.Equal(2, regions.GetArrayLength());
        Assert.Equal("eu-west-1", regions[0].GetProperty("name").GetString());
        Assert.Equal("us-east-1", regions[1].GetProperty("name").GetString());
        Assert.Equal($"localhost:{port}", regions[0].GetProperty("endpoint").GetString());
        Assert.Equal($"localhost:{port + 1}", regions[1].GetProperty("endpoint").GetString());
        Assert.Equal($"127.0.0.1:{port + 1}", regions[1].GetProperty("mqttListenAddress").GetString());
        Assert.Equal($"localhost:{port}", report.RootElement.GetProperty("mqttEndpoint").GetString());
        var urlA = regions[0].GetProperty("addresses")[0].GetString()!;
        var urlB = regions[1].GetProperty("addresses")[0].GetString()!;
        Assert.NotEqual(urlA, urlB);
        Assert.Equal(urlA, report.RootElement.GetProperty("urls")[0].GetString());

        var device = await CreateDeviceAsync(data, "sensor-0001");
        var provisionedAt = Stopwatch.StartNew();
        var (certificateId, endpoint) = await ProvisionAsync(device, data, urlA);
        Assert.Equal($"localhost:{port}", endpoint); // the home region's endpoint

        // Not replicated yet: B's broker refuses the certificate at CONNECT.
        var early = await PublishAsync(device, data, port + 1);
        Assert.True(provisionedAt.Elapsed < TimeSpan.FromSeconds(5), "the first attempt came too late to see the lag");
        Assert.NotEqual(0, early.ExitCode);
        Assert.Equal(0, (await PublishAsync(device, data, port)).ExitCode);

        // The device's retry with backoff succeeds once the registration reached B.
        await RetryUntilAsync(async () => (await PublishAsync(device, data, port + 1)).ExitCode == 0, "B accepts the certificate");
        Assert.True(provisionedAt.Elapsed >= TimeSpan.FromSeconds(5), $"accepted by B after {provisionedAt.Elapsed}, before the replication delay");
        var inB = await InProcessCli.RunAsync("things", "show", "sensor-0001", "--region", "us-east-1", "--data", data);
        Assert.True(inB.ExitCode == 0, inB.ToString());
        Assert.Contains($"{certificateId}  active", inB.StandardOutput, StringComparison.Ordinal);

        var revoke = await InProcessCli.RunAsync("certs", "revoke", certificateId, "--region", "eu-west-1", "--data", data);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.NotEqual(0, (await PublishAsync(device, data, port)).ExitCode);
        await RetryUntilAsync(async () => (await PublishAsync(device, data, port + 1)).ExitCode != 0, "B refuses the revoked certificate");
        var shownInB = await InProcessCli.RunAsync("certs", "show", certificateId, "--region", "us-east-1", "--data", data, "--json");
        Assert.True(shownInB.ExitCode == 0, shownInB.ToString());
        using (var shown = JsonDocument.Parse(shownInB.StandardOutput))
        {
            Assert.Equal("revoked", shown.RootElement.GetProperty("status").GetString());
        }

        var main = await InProcessCli.RunAsync("certs", "show", certificateId, "--data", data);
        Assert.Equal(3, main.ExitCode); // the main registry is not a region

        await server.InterruptAsync();
        var stopped = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
    }

    [Fact]
    public async Task ServeRegions_RestartedBeforeTheDelay_ReplicatesFromTheCursor()
    {
        var data = _temp.File("data");
        var port = LoopbackPorts.FreeConsecutive(2);
        var device = await CreateDeviceAsync(data, "sensor-0002");
        string certificateId;
        using (var server = StartServe(data, port, replicationDelaySeconds: 6))
        {
            using var report = await ReadReportAsync(server);
            (certificateId, _) = await ProvisionAsync(device, data, report.RootElement.GetProperty("regions")[0].GetProperty("addresses")[0].GetString()!);
            await server.InterruptAsync();
            Assert.Equal(0, (await server.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode);
        }

        Assert.Equal(3, (await InProcessCli.RunAsync("certs", "show", certificateId, "--region", "us-east-1", "--data", data)).ExitCode);

        // While serve is down: a revocation in A. After the restart B gets the certificate and then its revocation.
        var revoke = await InProcessCli.RunAsync("certs", "revoke", certificateId, "--region", "eu-west-1", "--data", data);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        using var restarted = StartServe(data, port, replicationDelaySeconds: 6);
        using (await ReadReportAsync(restarted))
        {
            await RetryUntilAsync(
                async () =>
                {
                    var shown = await InProcessCli.RunAsync("certs", "show", certificateId, "--region", "us-east-1", "--data", data);
                    return shown.ExitCode == 0 && shown.StandardOutput.Contains("status:         revoked", StringComparison.Ordinal);
                },
                "B holds the certificate as revoked");
        }

        var thing = await InProcessCli.RunAsync("things", "show", "sensor-0002", "--region", "us-east-1", "--data", data);
        Assert.True(thing.ExitCode == 0, thing.ToString());
        Assert.Contains($"{certificateId}  revoked", thing.StandardOutput, StringComparison.Ordinal);
        await restarted.InterruptAsync();
        Assert.Equal(0, (await restarted.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode);
    }

    [Fact]
    public async Task Serve_WithoutRegions_ReportHasNoRegionsAndNoRegionFiles()
    {
        var data = _temp.File("data");
        var port = LoopbackPorts.Free();
        using var server = CliProcess.Start(
            ["serve", "--urls", "https://127.0.0.1:0", "--mqtt-port", port.ToString(CultureInfo.InvariantCulture), "--data", data, "--json"]);
        using (var report = await ReadReportAsync(server))
        {
            Assert.False(report.RootElement.TryGetProperty("regions", out _));
            Assert.Equal($"localhost:{port}", report.RootElement.GetProperty("mqttEndpoint").GetString());
        }

        await server.InterruptAsync();
        Assert.Equal(0, (await server.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(data, "regions")));
    }

    [Theory]
    [InlineData(new[] { "https://127.0.0.1:8443", "http://[::1]:8080" }, 2, new[] { "https://127.0.0.1:8445", "http://[::1]:8082" })]
    [InlineData(new[] { "https://127.0.0.1:0" }, 1, new[] { "https://127.0.0.1:0" })]
    [InlineData(new string[0], 1, new[] { "https://127.0.0.1:8444" })]
    public void ShiftPorts_RegionIndex_MovesEveryFixedPortByTheIndex(string[] urls, int index, string[] expected)
        => Assert.Equal(expected, Secretless.Cli.Infrastructure.EmbeddedServer.ShiftPorts(urls, index));

    [Theory]
    [InlineData("more than once", "serve", "--regions", "eu-west-1,eu-west-1")]
    [InlineData("lowercase letters", "serve", "--regions", "EU_WEST")]
    [InlineData("--replication-delay needs --regions", "serve", "--replication-delay", "3")]
    [InlineData("--mqtt-endpoint cannot be used with --regions", "serve", "--regions", "a,b", "--mqtt-endpoint", "localhost:1883")]
    [InlineData("no regions yet", "certs", "list", "--region", "eu-west-1")]
    [InlineData("lowercase letters", "things", "list", "--region", "Nowhere")]
    public async Task Regions_InvalidUse_ExitsUsageErrorSayingWhy(string expected, params string[] args)
    {
        var result = await InProcessCli.RunAsync([.. args, "--data", _temp.File("data")]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeRegions_OtherRegistryConfigured_ExitsUsageError()
    {
        var config = _temp.File("iot.json");
        await File.WriteAllTextAsync(
            config,
            """{"Secretless":{"Registry":{"Type":"IotCore","Region":"eu-west-1","ServiceUrl":"http://127.0.0.1:9","RegistrationMode":"WithoutCa"}}}""");

        var result = await InProcessCli.RunAsync(
            "serve", "--regions", "eu-west-1,us-east-1", "--urls", "https://127.0.0.1:0", "--mqtt-port", LoopbackPorts.FreeConsecutive(2).ToString(CultureInfo.InvariantCulture),
            "--config", config, "--data", _temp.File("data"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--regions needs the embedded registry", result.StandardError, StringComparison.Ordinal);
    }

    private static CliProcess StartServe(string data, int port, int replicationDelaySeconds)
        => CliProcess.Start(
        [
            "serve", "--regions", "eu-west-1,us-east-1", "--replication-delay", replicationDelaySeconds.ToString(CultureInfo.InvariantCulture),
            "--urls", "https://127.0.0.1:0", "--mqtt-port", port.ToString(CultureInfo.InvariantCulture), "--data", data, "--json",
        ]);

    private static async Task<JsonDocument> ReadReportAsync(CliProcess server)
    {
        await server.WaitForOutputLineAsync(line => line == "}", StartTimeout);
        return JsonDocument.Parse(server.Snapshot().StandardOutput);
    }

    private async Task<string> CreateDeviceAsync(string data, string deviceId)
    {
        var device = _temp.File(deviceId);
        Directory.CreateDirectory(device);
        await OpenSsl.RunAsync(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "device.key"], device);
        await OpenSsl.RunAsync(["req", "-new", "-key", "device.key", "-subj", $"/CN={deviceId}", "-out", "device.csr"], device);
        var publicPem = await OpenSsl.RunAsync(["ec", "-in", "device.key", "-pubout"], device);
        await File.WriteAllTextAsync(Path.Combine(device, "manifest.csv"), $"{deviceId},{Convert.ToBase64String(Encoding.ASCII.GetBytes(publicPem))}\n");
        var import = await InProcessCli.RunAsync("devices", "import", Path.Combine(device, "manifest.csv"), "--data", data);
        Assert.True(import.ExitCode == 0, import.ToString());
        return device;
    }

    private static async Task<(string CertificateId, string Endpoint)> ProvisionAsync(string device, string data, string url)
    {
        var header = "device-csr: " + Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(device, "device.csr")));
        var curl = await ExternalTool.RunAsync("curl", ["-sS", "--fail-with-body", "--cacert", Path.Combine(data, "pki", "ca-chain.pem"), "-X", "POST", url.TrimEnd('/') + "/new", "-H", header]);
        Assert.True(curl.ExitCode == 0, curl.ToString());
        using var response = JsonDocument.Parse(curl.StandardOutput);
        await File.WriteAllTextAsync(Path.Combine(device, "certificate.pem"), response.RootElement.GetProperty("certificate").GetString());
        return (response.RootElement.GetProperty("certificateId").GetString()!, response.RootElement.GetProperty("endpoint").GetString()!);
    }

    private static async Task<CliResult> PublishAsync(string device, string data, int port)
        => await ExternalTool.RunAsync(
            "mosquitto_pub",
            ["-h", "localhost", "-p", port.ToString(CultureInfo.InvariantCulture), "--cafile", Path.Combine(data, "pki", "ca-chain.pem"),
             "--cert", "certificate.pem", "--key", "device.key", "-i", Path.GetFileName(device), "-q", "1",
             "-t", $"things/{Path.GetFileName(device)}/telemetry", "-m", "{\"temp\":21}"],
            device);

    // A device's retry loop: poll with a short backoff until the condition holds, failing after the timeout.
    private static async Task RetryUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < ReplicationTimeout, $"timed out waiting until {what}");
            await Task.Delay(backoff);
            backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 1000));
        }
    }
}
