using System.Globalization;
using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;
using Secretless.TestSupport.Network;

namespace Secretless.Cli.Tests;

/// <summary>
/// <c>device run</c> as a real process against <c>serve</c> as a real process (HTTPS, embedded
/// MQTT broker with mutual TLS), observed through its JSON event lines and stopped with SIGINT.
/// </summary>
public sealed class DeviceRunTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DeviceRun_CertificateRevokedWithCertsRevoke_ReprovisionsAndReconnectsWithNewCertificate()
    {
        using var temp = new TemporaryDirectory("secretless-device-run");
        var data = temp.File("data");
        using var server = StartServe(data);
        var url = await ListeningUrlAsync(server);
        await ImportAsync(temp, data, "runner-0001");

        using var device = CliProcess.Start(
            ["device", "run", "--id", "runner-0001", "--key", temp.File("keys/runner-0001.key"), "--server", url, "--out", temp.File("device"),
             "--data", data, "--heartbeat", "0.5", "--json"]);
        var provisioned = Parse(await device.WaitForOutputLineAsync(Is("provisioned"), Timeout));
        var connected = Parse(await device.WaitForOutputLineAsync(Is("connected"), Timeout));
        await device.WaitForOutputLineAsync(Is("heartbeat"), Timeout);
        var first = provisioned.GetProperty("certificateId").GetString()!;

        Assert.Equal("no-certificate", provisioned.GetProperty("reason").GetString());
        Assert.Equal(first, connected.GetProperty("certificateId").GetString());
        Assert.Equal(connected.GetProperty("endpoint").GetString(), provisioned.GetProperty("endpoint").GetString());
        Assert.Contains("CN=", provisioned.GetProperty("issuer").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", connected.GetProperty("at").GetString(), StringComparison.Ordinal);

        var revoke = await InProcessCli.RunAsync("certs", "revoke", first, "--data", data);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());

        var disconnected = Parse(await device.WaitForOutputLineAsync(Is("disconnected"), Timeout));
        var refused = Parse(await device.WaitForOutputLineAsync(Is("refused"), Timeout));
        var reprovisioned = Parse(await device.WaitForOutputLineAsync(line => Is("provisioned")(line) && !line.Contains(first, StringComparison.Ordinal), Timeout));
        var second = reprovisioned.GetProperty("certificateId").GetString()!;
        await device.WaitForOutputLineAsync(line => Is("connected")(line) && line.Contains(second, StringComparison.Ordinal), Timeout);

        Assert.Equal(first, disconnected.GetProperty("certificateId").GetString());
        Assert.Equal("connect", refused.GetProperty("stage").GetString());
        Assert.True(refused.GetProperty("retryInSeconds").GetDouble() >= 0);
        Assert.Equal("auth-refused", reprovisioned.GetProperty("reason").GetString());
        var show = await InProcessCli.RunAsync("certs", "show", second, "--data", data, "--json");
        Assert.Contains("\"active\"", show.StandardOutput, StringComparison.OrdinalIgnoreCase);

        await device.InterruptAsync();
        var stopped = await device.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        // Every stdout line is one JSON event with the common fields.
        foreach (var line in stopped.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parsed = Parse(line);
            Assert.Equal("runner-0001", parsed.GetProperty("deviceId").GetString());
            Assert.True(parsed.TryGetProperty("at", out _), line);
        }
    }

    [Fact]
    public async Task DeviceRun_IntermediateRotatedThenRevoked_ReprovisionsFromTheNewIssuerAndReconnects()
    {
        using var temp = new TemporaryDirectory("secretless-device-run");
        var data = temp.File("data");
        using var server = StartServe(data);
        var url = await ListeningUrlAsync(server);
        await ImportAsync(temp, data, "runner-rotation");
        using var device = CliProcess.Start(
            ["device", "run", "--id", "runner-rotation", "--key", temp.File("keys/runner-rotation.key"), "--server", url, "--out", temp.File("device"),
             "--data", data, "--heartbeat", "0.5", "--json"]);
        var first = Parse(await device.WaitForOutputLineAsync(Is("provisioned"), Timeout));
        await device.WaitForOutputLineAsync(Is("connected"), Timeout);
        var oldIssuer = first.GetProperty("issuer").GetString()!;

        var rotate = await InProcessCli.RunAsync("ca", "rotate", "--data", data, "--json");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        string previousId;
        using (var rotated = JsonDocument.Parse(rotate.StandardOutput))
        {
            previousId = rotated.RootElement.GetProperty("previousIssuerId").GetString()!;
        }

        var revoke = await InProcessCli.RunAsync("ca", "revoke", previousId, "--data", data, "--json");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());

        // The session is closed, the old certificate refused, and the device comes back by itself.
        var reprovisioned = Parse(await device.WaitForOutputLineAsync(line => Is("provisioned")(line) && !line.Contains(first.GetProperty("certificateId").GetString()!, StringComparison.Ordinal), Timeout));
        var newId = reprovisioned.GetProperty("certificateId").GetString()!;
        await device.WaitForOutputLineAsync(line => Is("heartbeat")(line) && line.Contains(newId, StringComparison.Ordinal), Timeout);

        Assert.NotEqual(oldIssuer, reprovisioned.GetProperty("issuer").GetString());
        Assert.Contains(reprovisioned.GetProperty("reason").GetString(), new[] { "auth-refused", "tls-refused" });
        await device.InterruptAsync();
        Assert.Equal(0, (await device.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode);
    }

    [Fact]
    public async Task DeviceRun_TinyRenewAt_RenewsBeforeExpiryAndReconnects()
    {
        using var temp = new TemporaryDirectory("secretless-device-run");
        var data = temp.File("data");
        using var server = StartServe(data, "--validity", "1");
        var url = await ListeningUrlAsync(server);
        await ImportAsync(temp, data, "runner-renew");

        // 0.00004 of one day: renewal due about 3.5 s after the certificate arrived.
        using var device = CliProcess.Start(
            ["device", "run", "--id", "runner-renew", "--key", temp.File("keys/runner-renew.key"), "--server", url, "--out", temp.File("device"),
             "--ca", Path.Combine(data, "pki", "ca-chain.pem"), "--heartbeat", "1", "--renew-at", "0.00004", "--json"]);
        var first = Parse(await device.WaitForOutputLineAsync(Is("provisioned"), Timeout));
        var renewed = Parse(await device.WaitForOutputLineAsync(line => Is("provisioned")(line) && line.Contains("renewal-due", StringComparison.Ordinal), Timeout));
        var renewedId = renewed.GetProperty("certificateId").GetString()!;
        await device.WaitForOutputLineAsync(line => Is("connected")(line) && line.Contains(renewedId, StringComparison.Ordinal), Timeout);

        Assert.NotEqual(first.GetProperty("certificateId").GetString(), renewedId);
        var renewedAt = DateTimeOffset.Parse(renewed.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(renewedAt < DateTimeOffset.Parse(first.GetProperty("notAfter").GetString()!, CultureInfo.InvariantCulture));
        Assert.True(renewedAt - DateTimeOffset.Parse(first.GetProperty("at").GetString()!, CultureInfo.InvariantCulture) >= TimeSpan.FromSeconds(2.5));

        await device.InterruptAsync();
        Assert.Equal(0, (await device.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode);
    }

    [Fact]
    public async Task DeviceRun_DeviceNotRegistered_ExitsSixWithTheRefusal()
    {
        using var temp = new TemporaryDirectory("secretless-device-run");
        var data = temp.File("data");
        using var server = StartServe(data);
        var url = await ListeningUrlAsync(server);
        Assert.Equal(0, (await InProcessCli.RunAsync("device", "keygen", "--id", "runner-unknown", "--out", temp.File("keys"))).ExitCode);

        var result = await InProcessCli.RunAsync(
            "device", "run", "--id", "runner-unknown", "--key", temp.File("keys/runner-unknown.key"), "--server", url, "--out", temp.File("device"),
            "--data", data, "--json");

        Assert.True(result.ExitCode == 6, result.ToString());
        Assert.Contains("404 device-not-registered", result.StandardError, StringComparison.Ordinal);
        var error = Parse(Assert.Single(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("error", error.GetProperty("event").GetString());
    }

    [Theory]
    [InlineData("--renew-at", "0", "--renew-at must be above 0 and at most 1")]
    [InlineData("--renew-at", "1.5", "--renew-at must be above 0 and at most 1")]
    [InlineData("--heartbeat", "0", "--heartbeat must be between")]
    [InlineData("--replication-wait", "-1", "--replication-wait must be between")]
    [InlineData("--endpoint", "no-port", "--endpoint")]
    [InlineData("--server", "ftp://example.test", "--server must be an absolute http:// or https:// URL")]
    public async Task DeviceRun_InvalidOption_ExitsTwoWithPreciseMessage(string option, string value, string expected)
    {
        var server = option == "--server" ? value : "https://127.0.0.1:1";
        string[] args = ["device", "run", "--id", "d-1", "--key", "k.pem", "--server", server, "--out", "out", .. option == "--server" ? Array.Empty<string>() : [option, value]];

        var result = await InProcessCli.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    private static CliProcess StartServe(string data, params string[] extra)
    {
        var mqttPort = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        return CliProcess.Start(["serve", "--urls", "https://127.0.0.1:0", "--mqtt-port", mqttPort, "--data", data, .. extra]);
    }

    private static async Task<string> ListeningUrlAsync(CliProcess server)
    {
        var line = await server.WaitForOutputLineAsync(line => line.StartsWith("Listening on:", StringComparison.Ordinal), Timeout);
        return line["Listening on:".Length..].Trim();
    }

    private static async Task ImportAsync(TemporaryDirectory temp, string data, string deviceId)
    {
        var keygen = await InProcessCli.RunAsync("device", "keygen", "--id", deviceId, "--out", temp.File("keys"));
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        await File.WriteAllTextAsync(temp.File($"{deviceId}.csv"), keygen.StandardOutput);
        var import = await InProcessCli.RunAsync("devices", "import", temp.File($"{deviceId}.csv"), "--data", data);
        Assert.True(import.ExitCode == 0, import.ToString());
    }

    private static Func<string, bool> Is(string eventName) => line => line.Contains($"\"event\":\"{eventName}\"", StringComparison.Ordinal);

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }
}
