namespace Secretless.Aws.AcmPca;

/// <summary>
/// ACM PCA IssueCertificate input. Members are declared in the order the official SDK writes them
/// (alphabetical); <see cref="Csr"/> holds the PEM bytes, which go on the wire as base64.
/// </summary>
public sealed record IssueCertificateRequest(
    string CertificateAuthorityArn,
    byte[] Csr,
    string? IdempotencyToken,
    string SigningAlgorithm,
    string? TemplateArn,
    Validity Validity,
    Validity? ValidityNotBefore = null);
