namespace Secretless.Aws.AcmPca;

/// <summary>
/// ACM PCA GetCertificateAuthorityCertificate output: the CA's own certificate and, for a
/// subordinate CA, the chain above it (PEM; absent for a root CA).
/// </summary>
public sealed record GetCertificateAuthorityCertificateResponse(string Certificate, string? CertificateChain);
