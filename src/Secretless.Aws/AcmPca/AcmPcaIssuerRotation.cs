namespace Secretless.Aws.AcmPca;

/// <summary>
/// What <c>ca rotate</c> did on AWS: the new CA (ARN) is ACTIVE in ACM PCA and its certificate is an
/// ACTIVE CA certificate in AWS IoT (<see cref="IotCaCertificateId"/>; <see cref="AlreadyRegistered"/>
/// when an earlier run registered it). The issuer itself switches when its configuration does.
/// </summary>
public sealed record AcmPcaIssuerRotation(
    string PreviousIssuerId,
    string ActiveIssuerId,
    string Subject,
    string IotCaCertificateId,
    bool AlreadyRegistered,
    string CaCertificatePem);
