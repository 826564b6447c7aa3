namespace Secretless.Aws.AcmPca;

/// <summary>
/// One ACM PCA certificate authority as <c>ca list</c> shows it: <see cref="Id"/> is the CA ARN,
/// <see cref="Status"/> is <c>active</c> (the configured issuer, ACTIVE in ACM PCA), <c>retired</c>
/// (ACTIVE or EXPIRED but not configured), <c>revoked</c> (DISABLED or DELETED) or ACM PCA's own
/// state in lower case while the CA is not usable yet (<c>pending_certificate</c>, <c>creating</c>, <c>failed</c>).
/// </summary>
public sealed record AcmPcaIssuerInfo(
    string Id,
    string Status,
    string AcmPcaStatus,
    string Subject,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
