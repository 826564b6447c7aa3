namespace Secretless.Local.Pki;

/// <summary>The result of <see cref="LocalCaAdministration.Rotate"/>: the new active issuing CA and the one it replaced.</summary>
public sealed record LocalCaRotation(string PreviousIssuerId, string ActiveIssuerId, string Subject);
