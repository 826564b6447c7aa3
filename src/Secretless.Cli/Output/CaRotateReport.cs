namespace Secretless.Cli.Output;

/// <summary><c>ca rotate --json</c>: the new active issuing CA and the one it retired.</summary>
public sealed record CaRotateReport(string PreviousIssuerId, string ActiveIssuerId, string Subject);
