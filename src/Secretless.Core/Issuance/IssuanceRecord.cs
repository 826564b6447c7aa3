namespace Secretless.Core.Issuance;

public sealed record IssuanceRecord(
    IssuanceKey Key,
    IssuanceState State,
    IssuedCertificate? Certificate,
    string? CertificateId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);
