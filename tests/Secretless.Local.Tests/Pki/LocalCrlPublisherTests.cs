using System.Security.Cryptography;
using Secretless.Core.Registry;
using Secretless.Local.Pki;
using Secretless.TestSupport;

namespace Secretless.Local.Tests.Pki;

public sealed class LocalCrlPublisherTests : IDisposable
{
    private readonly CaRotationEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task GetIssuerCrlAsync_OneRevokedDevice_OpenSslVerifiesTheCrlAndRefusesOnlyThatDevice()
    {
        var kept = await _environment.IssueRegisteredAsync("meter-ok");
        var gone = await _environment.IssueRegisteredAsync("meter-revoked");
        await _environment.Registry.SetCertificateStatusAsync(gone.CertificateId, CertificateStatus.Revoked, CancellationToken.None);
        using var publisher = new LocalCrlPublisher(_environment.Pki, _environment.Registry, TimeProvider.System);

        var crl = await publisher.GetIssuerCrlAsync(issuerId: null, CancellationToken.None);

        Assert.NotNull(crl);
        Assert.Equal(_environment.Pki.ActiveIssuerId, crl.IssuerId);
        var crlPath = _environment.Temporary.File("issuer-crl.pem");
        await File.WriteAllTextAsync(crlPath, PemEncoding.WriteString("X509 CRL", crl.Der) + "\n");
        var rootCrlPath = _environment.Temporary.File("root-crl.pem");
        await File.WriteAllTextAsync(rootCrlPath, PemEncoding.WriteString("X509 CRL", publisher.ReadRootCrl()!) + "\n");
        var text = await OpenSsl.RunVerifyingCrlAsync(
            ["crl", "-in", crlPath, "-noout", "-text", "-verify", "-CAfile", _environment.Pki.ChainPemPath], _environment.Temporary.Path);
        List<string> verify = ["verify", "-crl_check_all", "-CAfile", _environment.Pki.RootCertificatePath,
            "-untrusted", _environment.Pki.IssuingCertificatePath, "-CRLfile", crlPath, "-CRLfile", rootCrlPath];
        var keptOutput = await OpenSsl.RunAsync([.. verify, kept.Path], _environment.Temporary.Path);
        var goneError = await Assert.ThrowsAsync<InvalidOperationException>(() => OpenSsl.RunAsync([.. verify, gone.Path], _environment.Temporary.Path));

        var goneSerial = (await _environment.Registry.GetCertificateAsync(gone.CertificateId, CancellationToken.None))!.SerialNumberHex;
        Assert.Contains(goneSerial, text.Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(": OK", keptOutput, StringComparison.Ordinal);
        Assert.Contains("certificate revoked", goneError.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetIssuerCrlAsync_FeedUnchanged_ReturnsTheCachedCrl()
    {
        using var publisher = new LocalCrlPublisher(_environment.Pki, _environment.Registry, TimeProvider.System);

        var first = await publisher.GetIssuerCrlAsync(issuerId: null, CancellationToken.None);
        var second = await publisher.GetIssuerCrlAsync(issuerId: null, CancellationToken.None);
        var device = await _environment.IssueRegisteredAsync("meter-later");
        await _environment.Registry.SetCertificateStatusAsync(device.CertificateId, CertificateStatus.Revoked, CancellationToken.None);
        var third = await publisher.GetIssuerCrlAsync(issuerId: null, CancellationToken.None);

        Assert.Same(first, second);
        Assert.NotSame(second, third);
        Assert.True(third!.CrlNumber > first!.CrlNumber);
    }

    [Fact]
    public async Task GetIssuerCrlAsync_RetiredIssuer_SignedByItAndRevokedIssuerHasNone()
    {
        var retiredIssuer = _environment.Pki.IssuingCertificate.Subject;
        var rotation = LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);
        _environment.Pki.RefreshIfChanged();
        using var publisher = new LocalCrlPublisher(_environment.Pki, _environment.Registry, TimeProvider.System);

        var retiredCrl = await publisher.GetIssuerCrlAsync(rotation.PreviousIssuerId, CancellationToken.None);
        LocalCaAdministration.Revoke(_environment.DataDirectory, rotation.PreviousIssuerId, TimeProvider.System);
        _environment.Pki.RefreshIfChanged();
        var revokedCrl = await publisher.GetIssuerCrlAsync(rotation.PreviousIssuerId, CancellationToken.None);
        var unknownCrl = await publisher.GetIssuerCrlAsync("ica-00000000", CancellationToken.None);

        Assert.NotNull(retiredCrl);
        var crlPath = _environment.Temporary.File("retired-crl.der");
        await File.WriteAllBytesAsync(crlPath, retiredCrl.Der);
        var text = await OpenSsl.RunVerifyingCrlAsync(
            ["crl", "-inform", "DER", "-in", crlPath, "-noout", "-issuer", "-verify", "-CAfile", _environment.PkiFile("intermediate.crt")],
            _environment.Temporary.Path);
        Assert.Contains("Issuing CA 1", text, StringComparison.Ordinal);
        Assert.Contains("Issuing CA 1", retiredIssuer, StringComparison.Ordinal);
        Assert.Null(revokedCrl);
        Assert.Null(unknownCrl);
    }
}
