using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Secretless.Core.Keys;
using Secretless.Local.Pki;
using Secretless.Local.Tests.Support;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Pki;

/// <summary>
/// Which keys take the AsnWriter fast path, what relying parties (the openssl CLI) make of its
/// certificates, and that every other key or CA still issues through CertificateRequest.
/// </summary>
public sealed class DeviceCertificatePathTests : IDisposable
{
    private readonly LocalTestEnvironment _environment = new();
    private readonly LocalPki _pki;

    public DeviceCertificatePathTests()
    {
        _pki = LocalPki.Initialize(_environment.DataDirectory, _environment.Time);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _environment.Dispose();
    }

    [Fact]
    public async Task TryWrite_OpenSslP256Device_OpenSslVerifiesAndShowsTheProfile()
    {
        var device = await DeviceKeyFixture.CreateAsync(_environment.Temporary, "thing-openssl", TestKeyKind.EcP256);
        var profile = TestProfiles.For(device, _environment.Time.Now);

        Assert.True(_pki.ActiveIssuer.P256Writer!.TryWrite(profile, out var certificate));

        await PkiAssertions.OpenSslVerifiesAsync(_pki, certificate.Der, _environment.Temporary.Path, purpose: "sslclient");
        var pemPath = _environment.Temporary.File($"fast-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(pemPath, PemEncoding.WriteString("CERTIFICATE", certificate.Der) + "\n");
        var text = await OpenSsl.RunAsync(["x509", "-noout", "-text", "-in", pemPath]);
        Assert.Contains("Version: 3 (0x2)", text, StringComparison.Ordinal);
        Assert.Contains("Signature Algorithm: ecdsa-with-SHA256", text, StringComparison.Ordinal);
        Assert.Contains("Subject: CN=thing-openssl", text.Replace(" = ", "=", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("X509v3 Basic Constraints: critical", text, StringComparison.Ordinal);
        Assert.Contains("CA:FALSE", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Key Usage: critical", text, StringComparison.Ordinal);
        Assert.Contains("Digital Signature", text, StringComparison.Ordinal);
        Assert.Contains("TLS Web Client Authentication", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Subject Key Identifier", text, StringComparison.Ordinal);
        Assert.Contains("X509v3 Authority Key Identifier", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Subject Alternative Name", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_P256Device_ReportsSerialAndNotAfterAsTheCertificateHoldsThem()
    {
        var authority = new LocalCertificateAuthority(_pki);
        var profile = TestProfiles.For("dev-serial", TestKeys.NewP256(), KeyAlgorithm.EcdsaP256, _environment.Time.Now);
        profile = profile with { SerialNumber = [0xF0, .. RandomNumberGenerator.GetBytes(15)] }; // top bit set: 0x00 prepended

        var issued = await authority.IssueAsync(profile, CancellationToken.None);
        using var certificate = X509CertificateLoader.LoadCertificate(issued.CertificateDer);

        Assert.Equal(Convert.ToHexStringLower(certificate.SerialNumberBytes.Span), issued.SerialNumberHex);
        Assert.StartsWith("00f0", issued.SerialNumberHex, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), issued.NotAfter);
        Assert.Equal($"local:{_pki.ActiveIssuerId}:{issued.SerialNumberHex}", issued.AuthorityReference);
        await PkiAssertions.OpenSslVerifiesAsync(_pki, issued.CertificateDer, _environment.Temporary.Path, purpose: "sslclient");
    }

    [Theory]
    [InlineData(TestKeyKind.EcP384)]
    [InlineData(TestKeyKind.Rsa2048)]
    public async Task Build_NonP256Device_DeclinedByFastPathAndIssuedTheGeneralWay(TestKeyKind kind)
    {
        var device = await DeviceKeyFixture.CreateAsync(_environment.Temporary, $"dev-{kind}", kind);
        var profile = TestProfiles.For(device, _environment.Time.Now);

        Assert.False(_pki.ActiveIssuer.P256Writer!.TryWrite(profile, out var declined));
        Assert.Null(declined);
        var certificate = DeviceCertificateBuilder.Build(profile, _pki.ActiveIssuer);

        using var loaded = X509CertificateLoader.LoadCertificate(certificate.Der);
        Assert.Equal(device.PublicKeySpkiDer, loaded.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(profile.SerialNumber, certificate.SerialNumber);
        await PkiAssertions.OpenSslVerifiesAsync(_pki, certificate.Der, _environment.Temporary.Path, purpose: "sslclient");
    }

    [Fact]
    public async Task TryWrite_CompressedP256Point_Declined()
    {
        var device = await DeviceKeyFixture.CreateAsync(_environment.Temporary, "dev-compressed", TestKeyKind.EcP256);
        var profile = TestProfiles.For(device, _environment.Time.Now) with { SubjectPublicKey = await device.ExportCompressedPublicKeyDerAsync() };

        Assert.False(_pki.ActiveIssuer.P256Writer!.TryWrite(profile, out _));
    }

    [Fact]
    public void Build_P256KeyWithTrailingBytes_StillRefusedByTheGeneralPath()
    {
        var profile = TestProfiles.For("dev-trailing", [.. TestKeys.NewP256(), 0x00], KeyAlgorithm.EcdsaP256, _environment.Time.Now);

        Assert.False(_pki.ActiveIssuer.P256Writer!.TryWrite(profile, out _));
        Assert.Throws<ArgumentException>(() => DeviceCertificateBuilder.Build(profile, _pki.ActiveIssuer));
    }

    [Fact]
    public void Build_EmptyDeviceId_ThrowsArgumentExceptionLikeTheGeneralPath()
    {
        var profile = TestProfiles.For(string.Empty, TestKeys.NewP256(), KeyAlgorithm.EcdsaP256, _environment.Time.Now);

        Assert.ThrowsAny<ArgumentException>(() => DeviceCertificateBuilder.Build(profile, _pki.ActiveIssuer));
        Assert.ThrowsAny<ArgumentException>(() => DeviceCertificateBuilder.BuildWithCertificateRequest(profile, _pki.ActiveIssuer));
    }

    [Fact]
    public void ForIssuer_P384IssuingCa_NoFastPathAndP256DevicesIssueTheGeneralWay()
    {
        var now = _environment.Time.Now;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var rootRequest = new CertificateRequest("CN=P-384 Test CA", rootKey, HashAlgorithmName.SHA384);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        var certificate = X509CertificateLoader.LoadCertificate(root.RawData);
        var signingKey = ECDsa.Create();
        signingKey.ImportECPrivateKey(rootKey.ExportECPrivateKey(), out _);
        using var issuer = new LocalIssuingCa("ica-p384", certificate, signingKey, root);
        var profile = TestProfiles.For("dev-under-p384", TestKeys.NewP256(), KeyAlgorithm.EcdsaP256, now);

        Assert.Null(issuer.P256Writer);
        var issued = DeviceCertificateBuilder.Build(profile, issuer);

        using var leaf = X509CertificateLoader.LoadCertificate(issued.Der);
        Assert.Equal("CN=dev-under-p384", leaf.Subject);
        Assert.Equal(root.SubjectName.RawData, leaf.IssuerName.RawData);
        Assert.Equal(profile.SubjectPublicKey, leaf.PublicKey.ExportSubjectPublicKeyInfo());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(status => status.StatusInformation)));
    }
}
