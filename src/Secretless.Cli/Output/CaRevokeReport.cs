namespace Secretless.Cli.Output;

/// <summary>
/// <c>ca revoke --json</c>: the revoked issuing CA, how many registered certificates it had signed
/// were set REVOKED (main registry plus every region's) and which regions were updated.
/// </summary>
public sealed record CaRevokeReport(string IssuerId, int RevokedCertificates, IReadOnlyList<string> Regions, bool AlreadyRevoked);
