namespace Secretless.Core.Provisioning;

/// <summary>The 200 answer to a device: leaf, issuers, where to connect, and the registry id.</summary>
public sealed record ProvisionedCertificate(
    string CertificatePem,
    string CertificateChainPem,
    string Endpoint,
    string CertificateId,
    DateTimeOffset NotAfter);
