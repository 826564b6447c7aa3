using System.Diagnostics;
using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.TestSupport;
using Secretless.TestSupport.Network;

namespace Secretless.Cli.Tests;

/// <summary>
/// <c>serve</c> as a real process on a free loopback port, used the way the README does: devices
/// provisioned by the CLI simulator and by openssl + curl, then stopped with Ctrl+C (SIGINT).
/// </summary>
public sealed class ServeAndProvisionTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ServeProvision_KeygenImportProvision_IssuesVerifiableCertificateAndRefusesTheRest()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var data = temp.File("data");
        // A free MQTT port: the default 8883 may be taken on a developer's machine.
        var mqttPort = LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var server = CliProcess.Start(["serve", "--urls", "https://127.0.0.1:0", "--mqtt-port", mqttPort, "--data", data, "--mqtt-endpoint", "iot.example.test:8883"]);
        var url = await ListeningUrlAsync(server);
        var caChain = Path.Combine(data, "pki", "ca-chain.pem");
        Assert.Contains(caChain, (await server.WaitForOutputLineAsync(line => line.StartsWith("CA chain:", StringComparison.Ordinal), StartTimeout)), StringComparison.Ordinal);

        var keygen = await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-0001", "--out", temp.File("keys"));
        await File.WriteAllTextAsync(temp.File("manifest.csv"), keygen.StandardOutput);
        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "import", temp.File("manifest.csv"), "--data", data)).ExitCode);

        var provision = await CliProcess.RunAsync(
            ["device", "provision", "--id", "sensor-0001", "--key", temp.File("keys/sensor-0001.key"), "--server", url, "--out", temp.File("device"), "--data", data, "--json"]);

        Assert.True(provision.ExitCode == 0, provision.ToString());
        string certificateId;
        using (var report = JsonDocument.Parse(provision.StandardOutput))
        {
            Assert.Equal("iot.example.test:8883", report.RootElement.GetProperty("endpoint").GetString());
            certificateId = report.RootElement.GetProperty("certificateId").GetString()!;
        }

        // The registry holds the certificate, ACTIVE on the device's thing, once the device has its answer.
        var show = await InProcessCli.RunAsync("devices", "show", "sensor-0001", "--json", "--data", data);
        using (var shown = JsonDocument.Parse(show.StandardOutput))
        {
            var attached = Assert.Single(shown.RootElement.GetProperty("certificates").EnumerateArray());
            Assert.Equal(certificateId, attached.GetProperty("certificateId").GetString());
            Assert.Equal("active", attached.GetProperty("status").GetString());
        }

        var verify = await OpenSsl.RunAsync(["verify", "-CAfile", caChain, temp.File("device/certificate.pem")]);
        Assert.Contains("certificate.pem: OK", verify, StringComparison.Ordinal);
        var subject = await OpenSsl.RunAsync(["x509", "-in", temp.File("device/certificate.pem"), "-noout", "-subject"]);
        Assert.Contains("CN=sensor-0001", subject.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var unknownKeygen = await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-unknown", "--out", temp.File("keys"));
        Assert.Equal(0, unknownKeygen.ExitCode);
        var unknown = await InProcessCli.RunAsync(
            "device", "provision", "--id", "sensor-unknown", "--key", temp.File("keys/sensor-unknown.key"), "--server", url, "--out", temp.File("unknown"), "--data", data);
        Assert.Equal(6, unknown.ExitCode);
        Assert.Contains("404 device-not-registered", unknown.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("unknown/certificate.pem")));

        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "disable", "sensor-0001", "--data", data)).ExitCode);
        var disabled = await InProcessCli.RunAsync(
            "device", "provision", "--id", "sensor-0001", "--key", temp.File("keys/sensor-0001.key"), "--server", url, "--out", temp.File("device"), "--data", data);
        Assert.Equal(6, disabled.ExitCode);
        Assert.Contains("403 device-disabled", disabled.StandardError, StringComparison.Ordinal);

        await server.InterruptAsync();
        var stopped = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
    }

    [Fact]
    public async Task Serve_CurlWithOpensslCsr_AnswersLikeTheReferenceSample()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        var data = temp.File("data");
        var mqttPort = LoopbackPorts.Free();
        using var server = CliProcess.Start(["serve", "--urls", "https://127.0.0.1:0", "--mqtt-port", mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data]);
        var url = await ListeningUrlAsync(server);
        var caChain = Path.Combine(data, "pki", "ca-chain.pem");

        // The README's walkthrough: openssl key and CSR, manifest line with base64 of the PEM public key.
        await OpenSsl.RunAsync(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "device.key"], temp.Path);
        await OpenSsl.RunAsync(["req", "-new", "-key", "device.key", "-subj", "/CN=sensor-0001", "-out", "device.csr"], temp.Path);
        var publicPem = await OpenSsl.RunAsync(["ec", "-in", "device.key", "-pubout"], temp.Path);
        await File.WriteAllTextAsync(temp.File("manifest.csv"), "sensor-0001," + Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(publicPem)) + "\n");
        var import = await CliProcess.RunAsync(["devices", "import", temp.File("manifest.csv"), "--data", data]);
        Assert.True(import.ExitCode == 0, import.ToString());

        var header = "device-csr: " + Convert.ToBase64String(await File.ReadAllBytesAsync(temp.File("device.csr")));
        var curl = await RunCurlAsync(["--silent", "--show-error", "--cacert", caChain, "-X", "POST", url.TrimEnd('/') + "/new", "-H", header]);

        using var body = JsonDocument.Parse(curl);
        var certificate = body.RootElement.GetProperty("certificate").GetString()!;
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", certificate, StringComparison.Ordinal);
        Assert.Equal($"localhost:{mqttPort}", body.RootElement.GetProperty("endpoint").GetString());
        await File.WriteAllTextAsync(temp.File("certificate.pem"), certificate);
        Assert.Contains("OK", await OpenSsl.RunAsync(["verify", "-CAfile", caChain, temp.File("certificate.pem")]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_NoServerListening_ExitsUnreachable()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        Assert.Equal(0, (await InProcessCli.RunAsync("pki", "init", "--data", temp.Path)).ExitCode);
        Assert.Equal(0, (await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-1", "--out", temp.Path)).ExitCode);

        var result = await InProcessCli.RunAsync(
            "device", "provision", "--id", "sensor-1", "--key", temp.File("sensor-1.key"), "--server", "https://127.0.0.1:1", "--out", temp.File("out"), "--data", temp.Path);

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("cannot reach", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_CaFileMissing_FailsBeforeContactingAnyone()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        Assert.Equal(0, (await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-1", "--out", temp.Path)).ExitCode);

        var result = await InProcessCli.RunAsync(
            "device", "provision", "--id", "sensor-1", "--key", temp.File("sensor-1.key"), "--server", "https://127.0.0.1:1", "--out", temp.File("out"), "--ca", temp.File("absent.pem"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("absent.pem", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provision_NoCaAndNoLocalPki_ExitsPkiNotInitialized()
    {
        using var temp = new TemporaryDirectory("secretless-cli");
        Assert.Equal(0, (await InProcessCli.RunAsync("device", "keygen", "--id", "sensor-1", "--out", temp.Path)).ExitCode);

        var result = await CliProcess.RunAsync(
            ["device", "provision", "--id", "sensor-1", "--key", temp.File("sensor-1.key"), "--server", "https://127.0.0.1:1", "--out", temp.File("out"), "--data", temp.File("empty")]);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("--ca", result.StandardError, StringComparison.Ordinal);
    }

    private static async Task<string> ListeningUrlAsync(CliProcess server)
    {
        var line = await server.WaitForOutputLineAsync(line => line.StartsWith("Listening on:", StringComparison.Ordinal), StartTimeout);
        return line["Listening on:".Length..].Trim();
    }

    private static async Task<string> RunCurlAsync(IEnumerable<string> args)
    {
        var startInfo = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start curl.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"curl exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
