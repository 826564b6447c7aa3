namespace Secretless.Local.Registry;

/// <summary>A policy as listed. <see cref="Version"/> grows by one whenever the document changes.</summary>
public sealed record PolicySummary(string Name, int Version, int AttachedCertificates, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
