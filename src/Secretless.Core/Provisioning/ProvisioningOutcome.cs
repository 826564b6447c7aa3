using System.Diagnostics.CodeAnalysis;
using Secretless.Core.Errors;

namespace Secretless.Core.Provisioning;

/// <summary>Either a certificate or a refusal; never both.</summary>
public sealed class ProvisioningOutcome
{
    private ProvisioningOutcome(ProvisionedCertificate? certificate, ProvisioningError? error)
    {
        Certificate = certificate;
        Error = error;
    }

    public ProvisionedCertificate? Certificate { get; }

    public ProvisioningError? Error { get; }

    [MemberNotNullWhen(true, nameof(Certificate))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Certificate is not null;

    public static ProvisioningOutcome Issued(ProvisionedCertificate certificate) => new(certificate, null);

    public static ProvisioningOutcome Refused(ProvisioningError error) => new(null, error);
}
