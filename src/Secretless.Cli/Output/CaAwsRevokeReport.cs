namespace Secretless.Cli.Output;

/// <summary>
/// <c>ca revoke ARN --json</c> on the ACM PCA issuer: device certificates revoked by this run and
/// those an earlier (possibly interrupted) run had revoked already.
/// </summary>
public sealed record CaAwsRevokeReport(string IssuerId, int RevokedCertificates, int AlreadyRevoked);
