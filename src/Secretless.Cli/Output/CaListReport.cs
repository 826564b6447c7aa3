namespace Secretless.Cli.Output;

/// <summary><c>ca list --json</c>: every issuing CA of the local PKI, oldest first, and which one signs.</summary>
public sealed record CaListReport(IReadOnlyList<CaIssuerReport> Issuers, string ActiveIssuerId);
