namespace Secretless.Aws.AcmPca;

/// <summary>
/// ACM PCA GetCertificate output: the issued certificate and its chain (issuing CA first, up to
/// the root), both PEM.
/// </summary>
public sealed record GetCertificateResponse(string Certificate, string? CertificateChain);
