using Secretless.Core.Issuance;

namespace Secretless.Local.Pki;

/// <summary>
/// Issues device certificates with the local PKI's active issuing CA. Signing is in-process
/// (one ECDSA P-256 signature), so it completes synchronously.
/// </summary>
public sealed class LocalCertificateAuthority : ICertificateAuthority
{
    private readonly LocalPki _pki;

    public LocalCertificateAuthority(LocalPki pki)
    {
        ArgumentNullException.ThrowIfNull(pki);
        _pki = pki;
    }

    public ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken)
        => ValueTask.FromResult(_pki.Describe());

    public Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        cancellationToken.ThrowIfCancellationRequested();
        var issuer = _pki.ActiveIssuer;
        var certificate = DeviceCertificateBuilder.Build(profile, issuer);
        var serialHex = Convert.ToHexStringLower(certificate.SerialNumber);
        return Task.FromResult(new IssuedCertificate(
            certificate.Der,
            issuer.ChainDer,
            serialHex,
            certificate.NotAfter,
            $"local:{issuer.Id}:{serialHex}"));
    }
}
