using Secretless.Core.Registry;

namespace Secretless.Local.Registry;

/// <summary>A certificate attached to a thing, with its current status.</summary>
public sealed record ThingPrincipal(string CertificateId, CertificateStatus Status, DateTimeOffset AttachedAt);
