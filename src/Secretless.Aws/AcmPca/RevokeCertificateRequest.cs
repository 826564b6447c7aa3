namespace Secretless.Aws.AcmPca;

/// <summary>
/// ACM PCA RevokeCertificate input. <see cref="CertificateSerial"/> is colon-separated lowercase
/// hex (<c>3c:e7:…</c>); <see cref="RevocationReason"/> is an RFC 5280 reason such as <c>KEY_COMPROMISE</c>.
/// </summary>
public sealed record RevokeCertificateRequest(string CertificateAuthorityArn, string CertificateSerial, string RevocationReason);
