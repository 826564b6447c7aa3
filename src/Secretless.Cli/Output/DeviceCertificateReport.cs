namespace Secretless.Cli.Output;

/// <summary>A certificate attached to the device's thing in the local registry.</summary>
public sealed record DeviceCertificateReport(string CertificateId, string Status, DateTimeOffset AttachedAt);
