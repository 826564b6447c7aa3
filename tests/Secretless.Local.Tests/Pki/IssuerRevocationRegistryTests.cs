using Secretless.Core.Registry;
using Secretless.Local.Pki;

namespace Secretless.Local.Tests.Pki;

public sealed class IssuerRevocationRegistryTests : IDisposable
{
    private readonly CaRotationEnvironment _environment = new();

    public void Dispose() => _environment.Dispose();

    [Fact]
    public async Task RevokeCertificatesIssuedByAsync_TwoIssuers_RevokesOnlyTheNamedIssuersCertificates()
    {
        var oldIssuer = _environment.Pki.IssuingCertificate.Subject;
        var old1 = await _environment.IssueRegisteredAsync("meter-old-1");
        var old2 = await _environment.IssueRegisteredAsync("meter-old-2");
        LocalCaAdministration.Rotate(_environment.DataDirectory, TimeProvider.System);
        _environment.Pki.RefreshIfChanged();
        var fresh = await _environment.IssueRegisteredAsync("meter-new-1");
        var sequenceBefore = await _environment.Registry.ReadLatestStatusChangeSequenceAsync(CancellationToken.None);

        var revoked = await _environment.Registry.RevokeCertificatesIssuedByAsync(oldIssuer, CancellationToken.None);
        var again = await _environment.Registry.RevokeCertificatesIssuedByAsync(oldIssuer, CancellationToken.None);

        Assert.Equal(2, revoked);
        Assert.Equal(0, again);
        Assert.Equal(CertificateStatus.Revoked, (await _environment.Registry.GetCertificateAsync(old1.CertificateId, CancellationToken.None))!.Status);
        Assert.Equal(CertificateStatus.Revoked, (await _environment.Registry.GetCertificateAsync(old2.CertificateId, CancellationToken.None))!.Status);
        Assert.Equal(CertificateStatus.Active, (await _environment.Registry.GetCertificateAsync(fresh.CertificateId, CancellationToken.None))!.Status);
        var feed = await _environment.Registry.ReadStatusChangesAsync(sequenceBefore, CancellationToken.None);
        Assert.Equal(
            new[] { old1.CertificateId, old2.CertificateId }.Order(StringComparer.Ordinal),
            feed.Where(change => change.Status == CertificateStatus.Revoked).Select(change => change.CertificateId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListRevokedIssuedByAsync_OneRevoked_ReturnsItsSerialOnly()
    {
        var issuer = _environment.Pki.IssuingCertificate.Subject;
        var kept = await _environment.IssueRegisteredAsync("meter-kept");
        var gone = await _environment.IssueRegisteredAsync("meter-gone");
        await _environment.Registry.SetCertificateStatusAsync(gone.CertificateId, CertificateStatus.Revoked, CancellationToken.None);

        var revoked = await _environment.Registry.ListRevokedIssuedByAsync(issuer, CancellationToken.None);

        var entry = Assert.Single(revoked);
        var goneRecord = await _environment.Registry.GetCertificateAsync(gone.CertificateId, CancellationToken.None);
        Assert.Equal(goneRecord!.SerialNumberHex, entry.SerialNumber);
        Assert.NotEqual(kept.CertificateId, gone.CertificateId);
        Assert.Empty(await _environment.Registry.ListRevokedIssuedByAsync("CN=Nobody", CancellationToken.None));
    }
}
