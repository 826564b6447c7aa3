namespace Secretless.TestSupport.Aws;

/// <summary>A device certificate known to the fake IoT registry (immutable snapshot; updates replace it).</summary>
/// <param name="Id">Lower-case hex SHA-256 of the DER.</param>
/// <param name="Status">ACTIVE, INACTIVE, REVOKED, … (REVOKED is final).</param>
/// <param name="CaCertificateId">The registered CA it chains to; null for CreateCertificateFromCsr and SNI_ONLY registrations.</param>
/// <param name="Mode">DEFAULT or SNI_ONLY.</param>
public sealed record FakeIotCertificate(
    string Id,
    string Arn,
    string Pem,
    string Status,
    string? CaCertificateId,
    string Mode,
    DateTimeOffset CreationDate,
    DateTimeOffset LastModifiedDate,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    int CustomerVersion);
