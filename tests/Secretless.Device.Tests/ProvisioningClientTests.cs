using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Devices;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Device.Tests;

/// <summary>The provisioning client against the real server (HTTPS, SQLite, local PKI).</summary>
public sealed class ProvisioningClientTests
{
    [Fact]
    public async Task ProvisionAsync_RegisteredP256Device_ReturnsCertificateForItsOwnKey()
    {
        await using var server = await RunningServer.StartAsync();
        using var key = await DeviceKeyStore.GenerateP256Async(server.Scratch.File("device/key.pem"), CancellationToken.None);
        await server.ImportDeviceAsync("client-p256", key.ExportSubjectPublicKeyInfo());
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(server.CaChainPem));

        var result = await new ProvisioningClient(http).ProvisionAsync("client-p256", key, server.BaseUri, null, CancellationToken.None);

        using var leaf = X509Certificate2.CreateFromPem(result.CertificatePem);
        Assert.Equal("CN=client-p256", leaf.Subject);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(server.CaChainPem, result.CaChainPem);
        Assert.Equal("localhost:8883", result.Endpoint);
        Assert.Equal(new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero), result.NotAfter);
        Assert.Equal(2, PemCount(result.CertificateChainPem));
    }

    [Fact]
    public async Task ProvisionAsync_OpenSslRsaKeyWithRootAsTrustAnchor_Succeeds()
    {
        await using var server = await RunningServer.StartAsync();
        var keyPath = server.Scratch.File("rsa.pem");
        await OpenSsl.RunAsync(["genrsa", "-traditional", "-out", keyPath, "2048"]);
        using var key = await DeviceKeyStore.LoadPrivateKeyAsync(keyPath, CancellationToken.None);
        await server.ImportDeviceAsync("client-rsa", key.ExportSubjectPublicKeyInfo());
        var rootPem = server.GetRequiredService<Secretless.Local.Pki.LocalPki>().RootCertificate.ExportCertificatePem();
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(rootPem));

        var result = await new ProvisioningClient(http).ProvisionAsync("client-rsa", key, server.BaseUri, rootPem, CancellationToken.None);

        using var leaf = X509Certificate2.CreateFromPem(result.CertificatePem);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task ProvisionAsync_ForeignTrustAnchor_RefusesTheCertificate()
    {
        await using var server = await RunningServer.StartAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await server.ImportDeviceAsync("client-anchor", key.ExportSubjectPublicKeyInfo());
        using var foreign = new Support.TestCertificateAuthority("Foreign");
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(server.CaChainPem));

        var error = await Assert.ThrowsAsync<CertificateVerificationException>(() =>
            new ProvisioningClient(http).ProvisionAsync("client-anchor", key, server.BaseUri, foreign.RootPem, CancellationToken.None));

        Assert.Contains("does not chain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_UnknownDevice_ThrowsWith404AndProblemCode()
    {
        await using var server = await RunningServer.StartAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(server.CaChainPem));

        var error = await Assert.ThrowsAsync<ProvisioningFailedException>(() =>
            new ProvisioningClient(http).ProvisionAsync("nobody", key, server.BaseUri, null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("device-not-registered", error.ProblemCode);
        Assert.Contains("nobody", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProvisionAsync_DisabledDevice_ThrowsWith403DeviceDisabled()
    {
        await using var server = await RunningServer.StartAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        await server.ImportDeviceAsync("client-off", key.ExportSubjectPublicKeyInfo());
        await server.GetRequiredService<IDeviceDirectory>().SetStatusAsync("client-off", DeviceStatus.Disabled, CancellationToken.None);
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(server.CaChainPem));

        var error = await Assert.ThrowsAsync<ProvisioningFailedException>(() =>
            new ProvisioningClient(http).ProvisionAsync("client-off", key, server.BaseUri, null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("device-disabled", error.ProblemCode);
    }

    [Fact]
    public async Task DeviceHttpHandler_ServerFromAnotherCa_FailsTls()
    {
        await using var server = await RunningServer.StartAsync();
        using var foreign = new Support.TestCertificateAuthority("Foreign");
        using var http = new HttpClient(DeviceHttpHandlerFactory.Create(foreign.ChainPem));

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            new ProvisioningClient(http).GetCaChainAsync(server.BaseUri, CancellationToken.None));
    }

    private static int PemCount(string pem) => pem.Split("-----BEGIN CERTIFICATE-----").Length - 1;
}
