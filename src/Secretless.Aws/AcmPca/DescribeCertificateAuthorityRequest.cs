namespace Secretless.Aws.AcmPca;

/// <summary>ACM PCA DescribeCertificateAuthority input.</summary>
public sealed record DescribeCertificateAuthorityRequest(string CertificateAuthorityArn);
