namespace Secretless.Aws.AcmPca;

/// <summary>ACM PCA GetCertificate input (wire order as the official SDK sends it).</summary>
public sealed record GetCertificateRequest(string CertificateAuthorityArn, string CertificateArn);
