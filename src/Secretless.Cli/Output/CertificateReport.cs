namespace Secretless.Cli.Output;

/// <summary><c>certs show --json</c>: one certificate, what it is attached to, and its PEM.</summary>
public sealed record CertificateReport(
    string CertificateId,
    string Status,
    string Subject,
    string Issuer,
    string SerialNumber,
    DateTimeOffset NotAfter,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> Things,
    IReadOnlyList<string> Policies,
    string CertificatePem);
