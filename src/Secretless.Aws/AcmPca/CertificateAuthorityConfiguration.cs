namespace Secretless.Aws.AcmPca;

/// <summary>ACM PCA <c>CertificateAuthorityConfiguration</c>: the CA key's algorithm (<c>EC_prime256v1</c>, <c>RSA_2048</c>, …) and its subject.</summary>
public sealed record CertificateAuthorityConfiguration(string KeyAlgorithm, string SigningAlgorithm, CertificateAuthoritySubject? Subject);
