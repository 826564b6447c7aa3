namespace Secretless.Cli.Output;

/// <summary><c>things list --json</c>: the first page of things by name.</summary>
public sealed record ThingListReport(IReadOnlyList<ThingSummaryReport> Things);
