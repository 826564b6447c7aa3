using Secretless.Core.Issuance;

namespace Secretless.Server.Tests.Support;

/// <summary>
/// The one deliberate test double: a CA that describes the real issuer but fails to sign, to
/// produce the "unexpected issuer failure" (500) that no real backend produces on demand.
/// </summary>
public sealed class FailingCertificateAuthority(ICertificateAuthority real) : ICertificateAuthority
{
    public const string FailureMessage = "simulated issuer crash";

    public ValueTask<IssuerDescription> DescribeIssuerAsync(CancellationToken cancellationToken) =>
        real.DescribeIssuerAsync(cancellationToken);

    public Task<IssuedCertificate> IssueAsync(CertificateProfile profile, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(FailureMessage);
}
