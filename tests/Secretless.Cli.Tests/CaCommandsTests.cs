using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Secretless.Cli.Tests.Infrastructure;
using Secretless.Core.Registry;
using Secretless.Local;
using Secretless.Local.Registry;
using Secretless.Local.Storage;
using Secretless.TestSupport.Network;
using Secretless.TestSupport;
using Secretless.TestSupport.Timing;

namespace Secretless.Cli.Tests;

/// <summary>
/// <c>ca list|rotate|revoke</c>: as commands on a data directory, and as separate processes against
/// a running <c>serve</c> with a real device (openssl + curl + mosquitto_pub), as an operator does it.
/// </summary>
public sealed class CaCommandsTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan FollowTimeout = TimeSpan.FromSeconds(15);

    // Each check runs curl or mosquitto_pub: often enough to see the server follow, not a busy loop.
    private static readonly TimeSpan FollowPollInterval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task CaList_FreshPki_PrintsTheContractJson()
    {
        using var temp = new TemporaryDirectory("secretless-ca");
        var data = temp.File("data");
        Assert.Equal(0, (await InProcessCli.RunAsync("pki", "init", "--data", data)).ExitCode);

        var result = await InProcessCli.RunAsync("ca", "list", "--data", data, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var issuer = Assert.Single(json.RootElement.GetProperty("issuers").EnumerateArray());
        Assert.Equal(json.RootElement.GetProperty("activeIssuerId").GetString(), issuer.GetProperty("id").GetString());
        Assert.StartsWith("ica-", issuer.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", issuer.GetProperty("status").GetString());
        Assert.Contains("Secretless Local Issuing CA 1", issuer.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]+$", issuer.GetProperty("serial").GetString());
        Assert.Equal(JsonValueKind.Null, issuer.GetProperty("revokedAt").ValueKind);
        foreach (var name in new[] { "notBefore", "notAfter", "createdAt" })
        {
            Assert.True(issuer.GetProperty(name).TryGetDateTimeOffset(out _), name);
        }
    }

    [Fact]
    public async Task CaRevoke_ActiveUnknownAndTwice_ExitCodesFollowTheContract()
    {
        using var temp = new TemporaryDirectory("secretless-ca");
        var data = temp.File("data");
        Assert.Equal(0, (await InProcessCli.RunAsync("pki", "init", "--data", data)).ExitCode);
        using var rotated = JsonDocument.Parse((await InProcessCli.RunAsync("ca", "rotate", "--data", data, "--json")).StandardOutput);
        var previous = rotated.RootElement.GetProperty("previousIssuerId").GetString()!;
        var active = rotated.RootElement.GetProperty("activeIssuerId").GetString()!;

        var activeRefused = await InProcessCli.RunAsync("ca", "revoke", active, "--data", data);
        var unknown = await InProcessCli.RunAsync("ca", "revoke", "ica-00000000", "--data", data);
        var first = await InProcessCli.RunAsync("ca", "revoke", previous, "--data", data, "--json");
        var second = await InProcessCli.RunAsync("ca", "revoke", previous, "--data", data);

        Assert.Equal(2, activeRefused.ExitCode);
        Assert.Contains("rotate", activeRefused.StandardError, StringComparison.Ordinal);
        Assert.Equal(3, unknown.ExitCode);
        Assert.True(first.ExitCode == 0, first.ToString());
        using var report = JsonDocument.Parse(first.StandardOutput);
        Assert.Equal(previous, report.RootElement.GetProperty("issuerId").GetString());
        Assert.Equal(0, report.RootElement.GetProperty("revokedCertificates").GetInt32());
        Assert.Empty(report.RootElement.GetProperty("regions").EnumerateArray());
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already revoked", second.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaRotate_ThreeConcurrentProcesses_SerializeIntoDistinctIssuers()
    {
        using var temp = new TemporaryDirectory("secretless-ca");
        var data = temp.File("data");
        Assert.Equal(0, (await InProcessCli.RunAsync("pki", "init", "--data", data)).ExitCode);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => CliProcess.RunAsync(["ca", "rotate", "--data", data, "--json"])));

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        var list = await InProcessCli.RunAsync("ca", "list", "--data", data, "--json");
        using var json = JsonDocument.Parse(list.StandardOutput);
        var issuers = json.RootElement.GetProperty("issuers").EnumerateArray().ToList();
        Assert.Equal(4, issuers.Count);
        Assert.Single(issuers, issuer => issuer.GetProperty("status").GetString() == "active");
        Assert.Equal(4, issuers.Select(issuer => issuer.GetProperty("subject").GetString()).Distinct().Count());
        var previousIds = results.Select(result => JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("previousIssuerId").GetString());
        Assert.Equal(3, previousIds.Distinct().Count());
    }

    [Fact]
    public async Task RotateThenRevoke_RunningServe_NewCertificatesFromNewCaAndOldDeviceRefusedAtTls()
    {
        using var temp = new TemporaryDirectory("secretless-ca");
        var data = temp.File("data");
        var port = LoopbackPorts.Free();
        using var server = CliProcess.Start(["serve", "--urls", "https://127.0.0.1:0", "--mqtt-port", port.ToString(CultureInfo.InvariantCulture), "--data", data]);
        var url = (await server.WaitForOutputLineAsync(line => line.StartsWith("Listening on:", StringComparison.Ordinal), StartTimeout))["Listening on:".Length..].Trim().TrimEnd('/');
        await server.WaitForOutputLineAsync(line => line.StartsWith("MQTT:", StringComparison.Ordinal), StartTimeout);
        var root = Path.Combine(data, "pki", "root.crt");
        var chain = Path.Combine(data, "pki", "ca-chain.pem");
        var oldDevice = await ProvisionAsync(temp, data, url, root, "sensor-old");
        Assert.Equal(0, (await PublishAsync(oldDevice, port, chain)).ExitCode);

        var rotate = await CliProcess.RunAsync(["ca", "rotate", "--data", data, "--json"]);
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        using var rotation = JsonDocument.Parse(rotate.StandardOutput);
        var previousId = rotation.RootElement.GetProperty("previousIssuerId").GetString()!;
        var newSubject = rotation.RootElement.GetProperty("subject").GetString()!;

        // serve follows within about a second: GET /ca (trusting only the root) serves the new chain.
        await Poll.UntilAsync(async () => (await CaChainIssuerAsync(url, root)) == newSubject, FollowTimeout, interval: FollowPollInterval);
        var newDevice = await ProvisionAsync(temp, data, url, root, "sensor-new");
        using (var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(newDevice.CertificatePath)))
        {
            Assert.Equal(newSubject, certificate.Issuer);
        }

        // A region registry holding the old certificate too: the cascade reaches it.
        var dataDirectory = new SecretlessDataDirectory(data);
        var regionRegistry = new SqliteThingRegistry(
            SqliteDatabase.Open(dataDirectory.RegionDatabasePath("eu-west-1")), new LocalStackOptions(), TimeProvider.System);
        var oldDer = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(oldDevice.CertificatePath)).RawData;
        var regionCertificateId = await regionRegistry.RegisterCertificateAsync(oldDer, CancellationToken.None);

        var revoke = await CliProcess.RunAsync(["ca", "revoke", previousId, "--data", data, "--json"]);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        using (var report = JsonDocument.Parse(revoke.StandardOutput))
        {
            Assert.Equal(previousId, report.RootElement.GetProperty("issuerId").GetString());
            Assert.Equal(2, report.RootElement.GetProperty("revokedCertificates").GetInt32());
            Assert.Equal(["eu-west-1"], report.RootElement.GetProperty("regions").EnumerateArray().Select(region => region.GetString()));
        }

        Assert.Equal(CertificateStatus.Revoked, (await regionRegistry.GetCertificateAsync(regionCertificateId, CancellationToken.None))!.Status);
        var certs = await InProcessCli.RunAsync("certs", "show", oldDevice.CertificateId, "--data", data, "--json");
        Assert.Contains("\"revoked\"", certs.StandardOutput, StringComparison.OrdinalIgnoreCase);

        // The broker stops trusting the old CA: the TLS handshake itself fails, so mosquitto never gets
        // to CONNECT (a registry refusal would print "not authorised"; a TLS refusal drops the connection).
        CliResult refused = null!;
        await Poll.UntilAsync(
            async () =>
            {
                refused = await PublishAsync(oldDevice, port, chain, "--tls-version", "tlsv1.2");
                return refused.ExitCode != 0 && !refused.StandardError.Contains("not authori", StringComparison.OrdinalIgnoreCase);
            },
            FollowTimeout,
            () => refused.ToString(),
            FollowPollInterval);
        Assert.Matches("connection was lost|TLS", refused.StandardError);
        var accepted = await PublishAsync(newDevice, port, chain);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());

        var rootCrl = temp.File("root.crl.pem");
        var crl = await ExternalTool.RunAsync("curl", ["-sS", "-f", "--cacert", root, "-o", rootCrl, url + "/crl/root?format=pem"]);
        Assert.True(crl.ExitCode == 0, crl.ToString());
        var crlText = await OpenSsl.RunVerifyingCrlAsync(["crl", "-in", rootCrl, "-noout", "-text", "-verify", "-CAfile", root]);
        using var oldIssuer = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(data, "pki", "intermediate.crt")));
        Assert.Contains(oldIssuer.SerialNumber, crlText.Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

        await server.InterruptAsync();
        var stopped = await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
    }

    private sealed record Device(string Name, string Directory, string CertificatePath, string KeyPath, string CertificateId);

    private static async Task<Device> ProvisionAsync(TemporaryDirectory temp, string data, string url, string root, string name)
    {
        var directory = temp.File(name);
        Directory.CreateDirectory(directory);
        await OpenSsl.RunAsync(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "device.key"], directory);
        await OpenSsl.RunAsync(["req", "-new", "-key", "device.key", "-subj", $"/CN={name}", "-out", "device.csr"], directory);
        var publicPem = await OpenSsl.RunAsync(["ec", "-in", "device.key", "-pubout"], directory);
        var manifest = Path.Combine(directory, "manifest.csv");
        await File.WriteAllTextAsync(manifest, name + "," + Convert.ToBase64String(Encoding.ASCII.GetBytes(publicPem)) + "\n");
        Assert.Equal(0, (await InProcessCli.RunAsync("devices", "import", manifest, "--data", data)).ExitCode);
        var header = "device-csr: " + Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(directory, "device.csr")));
        var curl = await ExternalTool.RunAsync("curl", ["-sS", "-f", "--cacert", root, "-X", "POST", url + "/new", "-H", header]);
        Assert.True(curl.ExitCode == 0, curl.ToString());
        using var response = JsonDocument.Parse(curl.StandardOutput);
        var certificatePath = Path.Combine(directory, "certificate.pem");
        await File.WriteAllTextAsync(certificatePath, response.RootElement.GetProperty("certificate").GetString());
        return new Device(name, directory, certificatePath, Path.Combine(directory, "device.key"), response.RootElement.GetProperty("certificateId").GetString()!);
    }

    private static Task<CliResult> PublishAsync(Device device, int port, string chain, params string[] extra) => ExternalTool.RunAsync(
        "mosquitto_pub",
        ["-h", "localhost", "-p", port.ToString(CultureInfo.InvariantCulture), "--cafile", chain, "--cert", device.CertificatePath, "--key", device.KeyPath,
            "-i", device.Name, "-t", $"things/{device.Name}/telemetry", "-m", "{}", "-q", "1", .. extra],
        device.Directory,
        TimeSpan.FromSeconds(20));

    private static async Task<string?> CaChainIssuerAsync(string url, string root)
    {
        var curl = await ExternalTool.RunAsync("curl", ["-sS", "-f", "--cacert", root, url + "/ca"]);
        return curl.ExitCode == 0 ? X509Certificate2.CreateFromPem(curl.StandardOutput).Subject : null;
    }
}
