using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Keys;
using Secretless.Local.Pki;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Pki;

public sealed class LocalCertificateAuthorityTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();
    private readonly LocalPki _pki;
    private readonly LocalCertificateAuthority _authority;

    public LocalCertificateAuthorityTests()
    {
        _pki = LocalPki.Initialize(_environment.DataDirectory, _environment.Time);
        _authority = new LocalCertificateAuthority(_pki);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _environment.Dispose();
    }

    [Theory]
    [InlineData(TestKeyKind.EcP256)]
    [InlineData(TestKeyKind.EcP384)]
    [InlineData(TestKeyKind.Rsa2048)]
    public async Task IssueAsync_OpenSslDeviceKey_VerifiesWithOpenSslAsClient(TestKeyKind kind)
    {
        var device = await DeviceKeyFixture.CreateAsync(_environment.Temporary, $"dev-{kind}", kind);

        var issued = await _authority.IssueAsync(TestProfiles.For(device, _environment.Time.Now), CancellationToken.None);

        await PkiAssertions.OpenSslVerifiesAsync(_pki, issued.CertificateDer, _environment.Temporary.Path, purpose: "sslclient");
    }

    [Fact]
    public async Task IssueAsync_Profile_CertificateHasExactlyTheProfileFields()
    {
        var device = await DeviceKeyFixture.CreateAsync(_environment.Temporary, "thing-42", TestKeyKind.EcP256);
        var profile = TestProfiles.For(device, _environment.Time.Now);

        var issued = await _authority.IssueAsync(profile, CancellationToken.None);
        using var certificate = X509CertificateLoader.LoadCertificate(issued.CertificateDer);

        Assert.Equal("CN=thing-42", certificate.Subject);
        Assert.Equal(_pki.IssuingCertificate.SubjectName.RawData, certificate.IssuerName.RawData);
        Assert.Equal(device.PublicKeySpkiDer, certificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(profile.SerialNumber, certificate.SerialNumberBytes.ToArray());
        Assert.Equal(Convert.ToHexStringLower(profile.SerialNumber), issued.SerialNumberHex);
        Assert.Equal(profile.NotBefore.UtcDateTime, certificate.NotBefore.ToUniversalTime());
        Assert.Equal(profile.NotAfter.UtcDateTime, certificate.NotAfter.ToUniversalTime());
        Assert.Equal(profile.NotAfter, issued.NotAfter);
        Assert.Equal("1.2.840.10045.4.3.2", certificate.SignatureAlgorithm.Value); // ecdsa-with-SHA256

        Assert.Equal(
            ["2.5.29.19", "2.5.29.15", "2.5.29.37", "2.5.29.14", "2.5.29.35"],
            certificate.Extensions.Select(extension => extension.Oid!.Value));
        var constraints = PkiAssertions.Single<X509BasicConstraintsExtension>(certificate);
        Assert.True(constraints is { CertificateAuthority: false, Critical: true });
        var keyUsage = PkiAssertions.Single<X509KeyUsageExtension>(certificate);
        Assert.True(keyUsage is { KeyUsages: X509KeyUsageFlags.DigitalSignature, Critical: true });
        var extendedKeyUsage = PkiAssertions.Single<X509EnhancedKeyUsageExtension>(certificate);
        Assert.Equal(["1.3.6.1.5.5.7.3.2"], extendedKeyUsage.EnhancedKeyUsages.Cast<Oid>().Select(oid => oid.Value));
        Assert.Equal(
            new X509SubjectKeyIdentifierExtension(certificate.PublicKey, false).SubjectKeyIdentifier,
            PkiAssertions.Single<X509SubjectKeyIdentifierExtension>(certificate).SubjectKeyIdentifier);
        Assert.Equal(
            Convert.FromHexString(PkiAssertions.Single<X509SubjectKeyIdentifierExtension>(_pki.IssuingCertificate).SubjectKeyIdentifier!),
            PkiAssertions.Single<X509AuthorityKeyIdentifierExtension>(certificate).KeyIdentifier!.Value.ToArray());
    }

    [Fact]
    public async Task IssueAsync_CsrRequestingCaAndSan_NoneOfItReachesTheCertificate()
    {
        var device = await DeviceKeyFixture.CreateAsync(_environment.Temporary, "dev-greedy", TestKeyKind.EcP256);
        var csr = await device.CreateCsrAsync(
            "/CN=dev-greedy/O=Evil Corp",
            ["-addext", "subjectAltName=DNS:evil.example", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=keyCertSign"]);
        var request = CertificateRequest.LoadSigningRequest(
            csr.Der, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        Assert.Contains(request.CertificateExtensions, extension => extension.Oid!.Value == "2.5.29.17"); // the CSR really asks for a SAN
        var profile = TestProfiles.For("dev-greedy", request.PublicKey.ExportSubjectPublicKeyInfo(), KeyAlgorithm.EcdsaP256, _environment.Time.Now);

        var issued = await _authority.IssueAsync(profile, CancellationToken.None);
        using var certificate = X509CertificateLoader.LoadCertificate(issued.CertificateDer);

        Assert.Equal("CN=dev-greedy", certificate.Subject);
        Assert.DoesNotContain(certificate.Extensions, extension => extension.Oid!.Value == "2.5.29.17");
        Assert.False(PkiAssertions.Single<X509BasicConstraintsExtension>(certificate).CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, PkiAssertions.Single<X509KeyUsageExtension>(certificate).KeyUsages);
        var text = await OpenSsl.RunAsync(["x509", "-noout", "-text", "-in", await WritePemAsync(issued.CertificateDer)]);
        Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Evil Corp", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_Any_ReturnsChainAndLocalReference()
    {
        var profile = TestProfiles.For("dev-1", TestKeys.NewP256(), KeyAlgorithm.EcdsaP256, _environment.Time.Now);

        var issued = await _authority.IssueAsync(profile, CancellationToken.None);

        Assert.Equal([_pki.IssuingCertificate.RawData, _pki.RootCertificate.RawData], issued.ChainDer);
        Assert.Equal($"local:{_pki.ActiveIssuerId}:{issued.SerialNumberHex}", issued.AuthorityReference);
        Assert.Matches("^local:ica-[0-9a-f]{8}:[0-9a-f]+$", issued.AuthorityReference);
        var description = await _authority.DescribeIssuerAsync(CancellationToken.None);
        Assert.Equal(issued.ChainDer, description.ChainDer);
    }

    [Fact]
    public async Task IssueAsync_TwoHundredInParallel_EverySignatureChainsToTheRoot()
    {
        var profiles = Enumerable.Range(0, 200)
            .Select(i => TestProfiles.For($"dev-{i}", TestKeys.Pooled(i), KeyAlgorithm.EcdsaP256, _environment.Time.Now))
            .ToArray();

        var issued = await Task.WhenAll(profiles.Select(profile => Task.Run(() => _authority.IssueAsync(profile, CancellationToken.None))));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_pki.RootCertificate);
        chain.ChainPolicy.ExtraStore.Add(_pki.IssuingCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _environment.Time.Now.UtcDateTime;
        foreach (var certificate in issued)
        {
            using var leaf = X509CertificateLoader.LoadCertificate(certificate.CertificateDer);
            Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation)));
            chain.Reset();
        }

        Assert.Equal(200, issued.Select(certificate => certificate.SerialNumberHex).Distinct().Count());
    }

    [Fact]
    public async Task IssueAsync_NotAfterBeyondIssuingCa_Throws()
    {
        var profile = TestProfiles.For("dev-1", TestKeys.NewP256(), KeyAlgorithm.EcdsaP256, _environment.Time.Now, TimeSpan.FromDays(365 * 6));

        await Assert.ThrowsAsync<ArgumentException>(() => _authority.IssueAsync(profile, CancellationToken.None));
    }

    [Fact]
    public async Task IssueAsync_GarbagePublicKey_ThrowsCryptographicException()
    {
        var profile = TestProfiles.For("dev-1", [0x30, 0x03, 0x02, 0x01, 0x00], KeyAlgorithm.EcdsaP256, _environment.Time.Now);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => _authority.IssueAsync(profile, CancellationToken.None));
    }

    private async Task<string> WritePemAsync(byte[] der)
    {
        var path = _environment.Temporary.File($"cert-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, PemEncoding.WriteString("CERTIFICATE", der) + "\n");
        return path;
    }
}
