namespace Secretless.Cli.Output;

/// <summary><c>device provision --json</c>: what the device received and where it stored it.</summary>
public sealed record ProvisionReport(
    string DeviceId,
    string CertificateId,
    string Endpoint,
    DateTimeOffset NotAfter,
    string CertificatePath,
    string ChainPath);
