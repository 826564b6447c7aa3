namespace Secretless.Aws.AcmPca;

/// <summary>ACM PCA GetCertificateAuthorityCertificate input.</summary>
public sealed record GetCertificateAuthorityCertificateRequest(string CertificateAuthorityArn);
