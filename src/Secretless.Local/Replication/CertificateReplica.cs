using Secretless.Local.Registry;

namespace Secretless.Local.Replication;

/// <summary>
/// Everything a region needs to accept a certificate registered in another region: the certificate
/// row (without its status: the replicated feed entry says which status to apply), its things and
/// its policies with their documents.
/// </summary>
public sealed record CertificateReplica(
    string CertificateId,
    byte[] CertificateDer,
    string Subject,
    string Issuer,
    string Serial,
    DateTimeOffset NotAfter,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<ReplicatedThing> Things,
    IReadOnlyList<RegisteredPolicy> Policies);
