using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Secretless.Local.Registry;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Server.Tests;

/// <summary>
/// Devices made by the openssl CLI, provisioned with curl exactly as the reference sample's
/// devices do it; the answer verified with <c>openssl verify</c> against what <c>/ca</c> served.
/// </summary>
public sealed partial class CurlProvisioningTests
{
    private const string SampleDeviceCommand =
        "curl -s --cacert \"$CA_CHAIN\" -X POST \"$SERVER/new\" -H \"device-csr: $(base64 -w0 \"$DEVICE_CSR\")\"";

    [Theory]
    [InlineData(TestKeyKind.EcP256)]
    [InlineData(TestKeyKind.EcP384)]
    [InlineData(TestKeyKind.Rsa2048)]
    public async Task PostNew_CurlWithOpenSslCsr_IssuesCertificateThatOpenSslVerifiesAgainstCa(TestKeyKind kind)
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, $"thing-{kind}", kind);
        await server.ImportDeviceAsync(device);
        var caPem = await server.Client.GetStringAsync("ca");
        var caPath = server.Scratch.File("ca-from-server.pem");
        await File.WriteAllTextAsync(caPath, caPem);

        var (exitCode, output, error) = await Curl.RunShellAsync(SampleDeviceCommand, new Dictionary<string, string>
        {
            ["CA_CHAIN"] = caPath,
            ["SERVER"] = $"https://127.0.0.1:{server.Port}",
            ["DEVICE_CSR"] = device.CsrPemPath,
        });

        Assert.True(exitCode == 0, $"curl failed ({exitCode}): {error}");
        var answer = ProvisioningAnswer.Parse(output);
        Assert.Equal("localhost:8883", answer.Endpoint);
        Assert.Matches(IsoUtc(), answer.NotAfter);

        var leafPath = server.Scratch.File("leaf.pem");
        var chainPath = server.Scratch.File("chain.pem");
        var rootPath = server.Scratch.File("root.pem");
        await File.WriteAllTextAsync(leafPath, answer.Certificate);
        await File.WriteAllTextAsync(chainPath, answer.CertificateChain);
        var ca = PemFiles.Certificates(caPem);
        await File.WriteAllTextAsync(rootPath, ca[^1].ExportCertificatePem() + "\n");
        var verified = await OpenSsl.RunAsync(
            ["verify", "-purpose", "sslclient", "-CAfile", rootPath, "-untrusted", chainPath, leafPath]);
        Assert.Equal($"{leafPath}: OK", verified.Trim());

        using var leaf = X509Certificate2.CreateFromPem(answer.Certificate);
        Assert.Equal($"CN={device.DeviceId}", leaf.Subject);
        Assert.Equal(device.PublicKeySpkiDer, leaf.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(answer.NotAfter, leaf.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));

        // Registered before the answer: the registry already holds the certificate, ACTIVE, on the thing.
        var registered = await server.GetRequiredService<SqliteThingRegistry>().GetCertificateAsync(answer.CertificateId, CancellationToken.None);
        Assert.NotNull(registered);
    }

    [Fact]
    public async Task PostNew_CurlSameCsrTwice_ReturnsTheSameCertificate()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "thing-repeat", TestKeyKind.EcP256);
        await server.ImportDeviceAsync(device);
        var environment = new Dictionary<string, string>
        {
            ["CA_CHAIN"] = server.CaChainPath,
            ["SERVER"] = $"https://127.0.0.1:{server.Port}",
            ["DEVICE_CSR"] = device.CsrPemPath,
        };

        var first = ProvisioningAnswer.Parse((await Curl.RunShellAsync(SampleDeviceCommand, environment)).StandardOutput);
        var second = ProvisioningAnswer.Parse((await Curl.RunShellAsync(SampleDeviceCommand, environment)).StandardOutput);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task PostNew_CurlUnknownDevice_Answers404ProblemJson()
    {
        await using var server = await RunningServer.StartAsync();
        var device = await DeviceKeyFixture.CreateAsync(server.Scratch, "never-imported", TestKeyKind.EcP256);

        var (_, output, _) = await Curl.RunShellAsync(
            "curl -s -o /dev/null -w '%{http_code}' --cacert \"$CA_CHAIN\" -X POST \"$SERVER/new\" -H \"device-csr: $(base64 -w0 \"$DEVICE_CSR\")\"",
            new Dictionary<string, string>
            {
                ["CA_CHAIN"] = server.CaChainPath,
                ["SERVER"] = $"https://localhost:{server.Port}",
                ["DEVICE_CSR"] = device.CsrPemPath,
            });

        // Also proves the TLS certificate names localhost, not only 127.0.0.1.
        Assert.Equal("404", output);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex IsoUtc();
}
