namespace Secretless.Cli.Output;

/// <summary>One policy as <c>policies list --json</c> prints it.</summary>
public sealed record PolicySummaryReport(string Name, int Version, int AttachedCertificates, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
