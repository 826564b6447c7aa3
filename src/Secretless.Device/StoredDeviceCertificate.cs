namespace Secretless.Device;

/// <summary>
/// The device's certificate as kept in its storage: the leaf, its issuers, the certificate id
/// (lower-case hex SHA-256 of the DER, as AWS IoT and the local registry name certificates) and
/// its validity.
/// </summary>
public sealed record StoredDeviceCertificate(
    string CertificatePem,
    string CertificateChainPem,
    string CertificateId,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter);
