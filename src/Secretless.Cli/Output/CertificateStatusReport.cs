namespace Secretless.Cli.Output;

/// <summary><c>certs revoke|deactivate|activate --json</c>: the status before and after.</summary>
public sealed record CertificateStatusReport(string CertificateId, string PreviousStatus, string Status, bool Changed);
