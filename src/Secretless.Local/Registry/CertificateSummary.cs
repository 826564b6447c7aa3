using Secretless.Core.Registry;

namespace Secretless.Local.Registry;

/// <summary>A registered certificate as listed. <see cref="CertificateId"/> is the SHA-256 of the DER (lowercase hex).</summary>
public sealed record CertificateSummary(
    string CertificateId,
    CertificateStatus Status,
    string Subject,
    string SerialNumberHex,
    DateTimeOffset NotAfter,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
