using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Issuance;
using Secretless.Core.Keys;
using Secretless.Core.Registry;
using Secretless.Local.Pki;
using Secretless.Local.Registry;
using Secretless.Server.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Server.Tests;

public sealed class CrlEndpointTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetCrl_RevokedDevice_DerCrlSignedByTheActiveIssuerListsIt()
    {
        var (revokedSerial, _) = await IssueRegisteredAsync("meter-crl-1", revoke: true);
        await IssueRegisteredAsync("meter-crl-2", revoke: false);

        using var response = await _server.Client.GetAsync(new Uri("crl", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pkix-crl", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("max-age=0", response.Headers.CacheControl?.ToString());
        var crlPath = _server.Scratch.File("active.crl");
        await File.WriteAllBytesAsync(crlPath, await response.Content.ReadAsByteArrayAsync());
        var text = await OpenSsl.RunVerifyingCrlAsync(
            ["crl", "-inform", "DER", "-in", crlPath, "-noout", "-text", "-verify", "-CAfile", _server.CaChainPath], _server.Scratch.Path);
        Assert.Contains(revokedSerial, text.Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Issuing CA 1", text, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "Serial Number:"));
    }

    [Theory]
    [InlineData("crl?format=pem", null)]
    [InlineData("crl", "application/x-pem-file")]
    [InlineData("crl/root?format=pem", null)]
    public async Task GetCrl_PemRequested_AnswersPem(string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("-----BEGIN X509 CRL-----", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCrl_UnknownIssuer_Answers404CrlNotAvailable()
    {
        using var response = await _server.Client.GetAsync(new Uri("crl/ica-00000000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"crl-not-available\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateThenRevoke_RunningServer_RootCrlListsTheOldIssuerAndEverythingFollowsTheNewOne()
    {
        var pki = _server.GetRequiredService<LocalPki>();
        var oldSerial = pki.IssuingCertificate.SerialNumber;
        var rotation = LocalCaAdministration.Rotate(_server.DataDirectory, TimeProvider.System);
        LocalCaAdministration.Revoke(_server.DataDirectory, rotation.PreviousIssuerId, TimeProvider.System);
        pki.RefreshIfChanged(); // the hosted watcher does the same within a second

        using var rootCrl = await _server.Client.GetAsync(new Uri("crl/root", UriKind.Relative));
        using var oldIssuerCrl = await _server.Client.GetAsync(new Uri($"crl/{rotation.PreviousIssuerId}", UriKind.Relative));
        using var newIssuerCrl = await _server.Client.GetAsync(new Uri($"crl/{rotation.ActiveIssuerId}", UriKind.Relative));
        var chain = await _server.Client.GetStringAsync(new Uri("ca", UriKind.Relative));
        var serverCertificateIssuer = await HandshakeIssuerAsync();

        Assert.Equal(HttpStatusCode.OK, rootCrl.StatusCode);
        var rootCrlPath = _server.Scratch.File("root.crl");
        await File.WriteAllBytesAsync(rootCrlPath, await rootCrl.Content.ReadAsByteArrayAsync());
        var rootPath = Path.Combine(_server.DataDirectory.PkiDirectory, "root.crt");
        var text = await OpenSsl.RunVerifyingCrlAsync(
            ["crl", "-inform", "DER", "-in", rootCrlPath, "-noout", "-text", "-verify", "-CAfile", rootPath], _server.Scratch.Path);
        Assert.Contains(oldSerial, text.Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, oldIssuerCrl.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newIssuerCrl.StatusCode);
        using var chainIssuer = X509Certificate2.CreateFromPem(chain);
        Assert.Equal(rotation.Subject, chainIssuer.Subject);
        Assert.Equal(rotation.Subject, serverCertificateIssuer);
    }

    private async Task<string> HandshakeIssuerAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _server.Port);
        await using var tls = new SslStream(tcp.GetStream());
        var chainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        chainPolicy.CustomTrustStore.Add(PemFiles.Certificates(_server.CaChainPem)[^1]);

        // Trusting only the root proves the server sends the new issuing CA in the handshake.
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", CertificateChainPolicy = chainPolicy });
        using var certificate = X509CertificateLoader.LoadCertificate(tls.RemoteCertificate!.GetRawCertData());
        return certificate.Issuer;
    }

    private async Task<(string SerialHex, string CertificateId)> IssueRegisteredAsync(string deviceId, bool revoke)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        var profile = new CertificateProfile(
            deviceId,
            key.ExportSubjectPublicKeyInfo(),
            KeyAlgorithm.EcdsaP256,
            serial,
            now.AddMinutes(-1),
            now.AddDays(1),
            IdempotencyToken: deviceId,
            CsrDer: []);
        var issued = await _server.GetRequiredService<ICertificateAuthority>().IssueAsync(profile, CancellationToken.None);
        var registry = _server.GetRequiredService<SqliteThingRegistry>();
        var certificateId = await registry.RegisterCertificateAsync(issued.CertificateDer, CancellationToken.None);
        if (revoke)
        {
            await registry.SetCertificateStatusAsync(certificateId, CertificateStatus.Revoked, CancellationToken.None);
        }

        return (issued.SerialNumberHex, certificateId);
    }
}
