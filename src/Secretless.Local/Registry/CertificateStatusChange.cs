using Secretless.Core.Registry;

namespace Secretless.Local.Registry;

/// <summary>One entry of the certificate status-change feed: <paramref name="Status"/> is the new status.</summary>
public sealed record CertificateStatusChange(long Sequence, string CertificateId, CertificateStatus Status, DateTimeOffset ChangedAt);
