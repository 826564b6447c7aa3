namespace Secretless.Cli.Output;

/// <summary><c>policies list --json</c>: every policy by name.</summary>
public sealed record PolicyListReport(IReadOnlyList<PolicySummaryReport> Policies);
