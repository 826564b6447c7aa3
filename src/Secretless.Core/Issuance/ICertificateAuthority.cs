namespace Secretless.Core.Issuance;

/// <summary>
/// Signs what the core decided. The authority never reads CSR extensions: every field of the
/// certificate comes from <see cref="CertificateProfile"/>.
/// </summary>
public interface ICertificateAuthority
{
    /// <summary>The current issuing CA: its validity end (to clamp notAfter) and chain for devices.</summary>
    ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken);

    Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken);
}
