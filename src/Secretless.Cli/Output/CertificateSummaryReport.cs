namespace Secretless.Cli.Output;

/// <summary>One registered certificate as <c>certs list --json</c> prints it (id = SHA-256 of the DER).</summary>
public sealed record CertificateSummaryReport(
    string CertificateId,
    string Status,
    string Subject,
    string SerialNumber,
    DateTimeOffset NotAfter,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
