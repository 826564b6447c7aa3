namespace Secretless.Aws.AcmPca;

/// <summary>ACM PCA IssueCertificate output: the ARN to poll with GetCertificate.</summary>
public sealed record IssueCertificateResponse(string CertificateArn);
