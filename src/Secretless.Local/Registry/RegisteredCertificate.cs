using Secretless.Core.Registry;

namespace Secretless.Local.Registry;

/// <summary>A registered certificate with its DER and what it is attached to.</summary>
public sealed record RegisteredCertificate(
    string CertificateId,
    CertificateStatus Status,
    string Subject,
    string Issuer,
    string SerialNumberHex,
    DateTimeOffset NotAfter,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    byte[] CertificateDer,
    IReadOnlyList<string> ThingNames,
    IReadOnlyList<string> PolicyNames);
