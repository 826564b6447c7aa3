namespace Secretless.Cli.Output;

/// <summary>
/// A certificate attached to the device's thing in the local registry; <see cref="RegisteredAt"/>
/// (when the registry registered the certificate, the order rotation uses) is set by <c>things show</c>.
/// </summary>
public sealed record DeviceCertificateReport(string CertificateId, string Status, DateTimeOffset AttachedAt, DateTimeOffset? RegisteredAt = null);
