namespace Secretless.Aws.AcmPca;

/// <summary>
/// What <c>ca revoke</c> did on AWS: the CA's AWS IoT CA certificate is INACTIVE, and of the device
/// certificates AWS IoT lists under it <see cref="RevokedCertificates"/> were revoked now (ACM PCA and
/// AWS IoT) and <see cref="AlreadyRevoked"/> had been by an earlier, possibly interrupted, run.
/// </summary>
public sealed record AcmPcaIssuerRevocation(string IssuerId, string IotCaCertificateId, int RevokedCertificates, int AlreadyRevoked);
