namespace Secretless.Device;

/// <summary>
/// A certificate the device verified: it chains to the service's CA, carries the device's own
/// public key and its id as CN. <see cref="CaChainPem"/> is what <c>GET /ca</c> served.
/// </summary>
public sealed record ProvisioningResult(
    string CertificatePem,
    string CertificateChainPem,
    string Endpoint,
    string CertificateId,
    DateTimeOffset NotAfter,
    string CaChainPem);
