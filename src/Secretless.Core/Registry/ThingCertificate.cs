namespace Secretless.Core.Registry;

/// <summary>
/// A certificate attached to a thing, with its status and when this registry registered it
/// (the order rotation uses: a certificate registered later supersedes the earlier ones).
/// </summary>
public sealed record ThingCertificate(string CertificateId, CertificateStatus Status, DateTimeOffset RegisteredAt);
