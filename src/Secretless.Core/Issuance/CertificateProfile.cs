using Secretless.Core.Keys;

namespace Secretless.Core.Issuance;

/// <summary>
/// Everything the issued certificate contains, decided by the core: subject CN = device id,
/// EKU clientAuth, KU digitalSignature, SKI from the key, AKI from the issuer, random serial.
/// <see cref="CsrDer"/> is the verified CSR, for CAs that only sign from a CSR (ACM PCA with an
/// end-entity template, AWS IoT): they must still honour the device id, key and validity above.
/// </summary>
public sealed record CertificateProfile(
    string DeviceId,
    byte[] SubjectPublicKey,
    KeyAlgorithm KeyAlgorithm,
    byte[] SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string IdempotencyToken,
    byte[] CsrDer);
