using System.Net;
using System.Security.Cryptography.X509Certificates;
using Secretless.Local.Pki;
using Secretless.Local.Tests.Support;

namespace Secretless.Local.Tests.Pki;

public sealed class LocalPkiRefreshTests : IDisposable
{
    private readonly CaRotationEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void RefreshIfChanged_NothingChanged_ReturnsFalse()
    {
        var generation = _environment.Pki.Generation;

        Assert.False(_environment.Pki.RefreshIfChanged());
        Assert.Equal(generation, _environment.Pki.Generation);
    }

    [Fact]
    public async Task RefreshIfChanged_AfterRotate_NewCertificatesComeFromTheNewIssuer()
    {
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);

        Assert.True(_environment.Pki.RefreshIfChanged());
        var device = await _environment.IssueRegisteredAsync("meter-rotated");

        using var certificate = X509CertificateLoader.LoadCertificate(device.Der);
        Assert.Equal(rotation.ActiveIssuerId, _environment.Pki.ActiveIssuerId);
        Assert.Equal(rotation.Subject, certificate.Issuer);
        Assert.Equal(rotation.Subject, _environment.Pki.IssuingCertificate.Subject);
        Assert.Equal(_environment.Pki.IssuingCertificate.RawData, _environment.Pki.Describe().ChainDer[0]);
        Assert.Equal(2, _environment.Pki.TrustedIssuerCertificates.Count);
        Assert.Equal(1, _environment.Pki.Generation);
    }

    [Fact]
    public void RefreshIfChanged_AfterRevoke_TheRevokedIssuerIsNoLongerTrusted()
    {
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);
        LocalCaAdministration.Revoke(_environment.DataDirectory, rotation.PreviousIssuerId, TimeProvider.System);

        _environment.Pki.RefreshIfChanged();

        var trusted = Assert.Single(_environment.Pki.TrustedIssuerCertificates);
        Assert.Equal(rotation.Subject, trusted.Subject);
        Assert.Equal(
            [(rotation.PreviousIssuerId, "revoked"), (rotation.ActiveIssuerId, "active")],
            _environment.Pki.ListIssuers().Select(issuer => (issuer.Id, issuer.Status)));
    }

    [Fact]
    public void GetServerCertificate_AfterRotate_IsReissuedByTheNewIssuer()
    {
        string[] names = ["localhost"];
        IPAddress[] addresses = [IPAddress.Loopback];
        var before = _environment.Pki.GetServerCertificate(names, addresses);
        Assert.Same(before, _environment.Pki.GetServerCertificate(names, addresses));
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);

        _environment.Pki.RefreshIfChanged();
        var after = _environment.Pki.GetServerCertificate(names, addresses);

        Assert.NotEqual(before.Certificate.Thumbprint, after.Certificate.Thumbprint);
        Assert.Equal(rotation.Subject, after.Certificate.Issuer);
        Assert.Equal(rotation.ActiveIssuerId, after.IssuerId);
        Assert.Equal(rotation.Subject, Assert.Single(after.Chain).Subject);
        Assert.True(after.Certificate.HasPrivateKey);
    }

    [Fact]
    public void Open_ManifestWithoutRotationFields_ReadsTheFirstIssuerAsOrdinalOne()
    {
        // A pki.json written before rotation existed: no ordinal, no CRL number, no revokedAt.
        var manifestPath = _environment.PkiFile("pki.json");
        var legacy = File.ReadAllText(manifestPath)
            .Replace("\"ordinal\": 1,", "", StringComparison.Ordinal)
            .Replace("\"rootCrlNumber\": 1,", "", StringComparison.Ordinal);
        File.WriteAllText(manifestPath, legacy);

        using var pki = LocalPki.Open(_environment.DataDirectory, TimeProvider.System);
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);

        Assert.Equal(1, Assert.Single(pki.ListIssuers()).Ordinal);
        Assert.Contains("Issuing CA 2", rotation.Subject, StringComparison.Ordinal);
        Assert.True(File.Exists(_environment.PkiFile("intermediate-2.crt")));
        Assert.DoesNotContain("\"ordinal\": 1,", legacy, StringComparison.Ordinal);
        _ = PkiAssertions.ModeOf(_environment.PkiFile("intermediate-2.key"));
    }
}
