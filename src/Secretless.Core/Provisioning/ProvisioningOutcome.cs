using System.Diagnostics.CodeAnalysis;
using Secretless.Core.Errors;

namespace Secretless.Core.Provisioning;

/// <summary>Either a certificate or a refusal; never both.</summary>
public sealed class ProvisioningOutcome
{
    private ProvisioningOutcome(ProvisionedCertificate? certificate, bool replayed, ProvisioningError? error)
    {
        Certificate = certificate;
        Replayed = replayed;
        Error = error;
    }

    public ProvisionedCertificate? Certificate { get; }

    public ProvisioningError? Error { get; }

    /// <summary>True when the certificate was issued earlier for the same CSR and answered again.</summary>
    public bool Replayed { get; }

    [MemberNotNullWhen(true, nameof(Certificate))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Certificate is not null;

    public static ProvisioningOutcome Issued(ProvisionedCertificate certificate, bool replayed = false) =>
        new(certificate, replayed, null);

    public static ProvisioningOutcome Refused(ProvisioningError error) => new(null, false, error);
}
