namespace Secretless.Cli.Output;

/// <summary><c>certs list --json</c>: the first page of certificates by id.</summary>
public sealed record CertificateListReport(IReadOnlyList<CertificateSummaryReport> Certificates);
