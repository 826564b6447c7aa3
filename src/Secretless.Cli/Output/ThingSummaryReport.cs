namespace Secretless.Cli.Output;

/// <summary>One thing as <c>things list --json</c> prints it.</summary>
public sealed record ThingSummaryReport(string Name, DateTimeOffset CreatedAt, int CertificateCount);
