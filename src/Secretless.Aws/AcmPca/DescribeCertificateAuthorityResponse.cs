namespace Secretless.Aws.AcmPca;

/// <summary>ACM PCA DescribeCertificateAuthority output.</summary>
public sealed record DescribeCertificateAuthorityResponse(CertificateAuthorityDescription CertificateAuthority);
