using Secretless.Core.Registry;

namespace Secretless.Local.Registry;

/// <summary>
/// What a connecting certificate is allowed to be: its status, the things it is attached to
/// (ordered by name) and the policies attached to it with their documents (ordered by name).
/// </summary>
public sealed record CertificatePrincipal(
    string CertificateId,
    CertificateStatus Status,
    IReadOnlyList<string> ThingNames,
    IReadOnlyList<RegisteredPolicy> Policies);
