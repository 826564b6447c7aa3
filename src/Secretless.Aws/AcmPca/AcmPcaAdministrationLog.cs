using Microsoft.Extensions.Logging;

namespace Secretless.Aws.AcmPca;

/// <summary>Log messages of the ACM PCA issuer administration (<c>ca rotate|revoke</c>); event ids 4270–4279.</summary>
internal static partial class AcmPcaAdministrationLog
{
    [LoggerMessage(EventId = 4270, Level = LogLevel.Information,
        Message = "CA {CertificateAuthorityArn} registered with AWS IoT as CA certificate {CaCertificateId} (already registered: {AlreadyRegistered})")]
    public static partial void CaRegistered(ILogger logger, string certificateAuthorityArn, string caCertificateId, bool alreadyRegistered);

    [LoggerMessage(EventId = 4271, Level = LogLevel.Warning,
        Message = "AWS IoT CA certificate {CaCertificateId} of {CertificateAuthorityArn} set INACTIVE: AWS IoT refuses every certificate chaining to it")]
    public static partial void CaDeactivated(ILogger logger, string caCertificateId, string certificateAuthorityArn);

    [LoggerMessage(EventId = 4272, Level = LogLevel.Information,
        Message = "Device certificate {CertificateId} (serial {SerialNumber}) revoked in ACM PCA and AWS IoT")]
    public static partial void DeviceCertificateRevoked(ILogger logger, string certificateId, string serialNumber);

    [LoggerMessage(EventId = 4273, Level = LogLevel.Information,
        Message = "Revocation of {CertificateAuthorityArn} done: {Revoked} certificates revoked now, {AlreadyRevoked} already revoked")]
    public static partial void RevocationCompleted(ILogger logger, string certificateAuthorityArn, int revoked, int alreadyRevoked);
}
