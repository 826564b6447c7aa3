namespace Secretless.Local.Pki;

/// <summary>
/// The result of <see cref="LocalCaAdministration.Revoke"/>. <see cref="IssuerSubject"/> is the
/// issuer name the registry stores for every certificate that CA signed (for the cascade).
/// </summary>
public sealed record LocalCaRevocation(string IssuerId, string IssuerSubject, bool AlreadyRevoked, DateTimeOffset RevokedAt);
