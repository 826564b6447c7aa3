namespace Secretless.Core.Issuance;

/// <summary>
/// What a certificate authority returns. <see cref="ChainDer"/> runs from the issuing CA to
/// the root; <see cref="AuthorityReference"/> is the backend's own handle (serial, ARN).
/// </summary>
public sealed record IssuedCertificate(
    byte[] CertificateDer,
    IReadOnlyList<byte[]> ChainDer,
    string SerialNumberHex,
    DateTimeOffset NotAfter,
    string AuthorityReference);
