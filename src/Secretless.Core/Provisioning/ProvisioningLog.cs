using Microsoft.Extensions.Logging;

namespace Secretless.Core.Provisioning;

/// <summary>
/// Provisioning log events (ids 1000–1099). Only device ids that passed validation and error
/// codes are logged: never a CSR, a key or a certificate.
/// </summary>
internal static partial class ProvisioningLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Provisioned device {DeviceId}: certificate {CertificateId}")]
    public static partial void Provisioned(ILogger logger, string deviceId, string certificateId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Returned the earlier certificate {CertificateId} to device {DeviceId} for a repeated CSR")]
    public static partial void Replayed(ILogger logger, string deviceId, string certificateId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Refused a CSR before identifying the device: {Status} {Code}")]
    public static partial void CsrRefused(ILogger logger, int status, string code);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Refused device {DeviceId}: {Status} {Code}")]
    public static partial void DeviceRefused(ILogger logger, string deviceId, int status, string code);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "Backend {Backend} unavailable while provisioning device {DeviceId}; asked to retry after {RetryAfterSeconds} s")]
    public static partial void BackendUnavailable(ILogger logger, Exception exception, string backend, string deviceId, double retryAfterSeconds);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information,
        Message = "Resuming the registration of an already issued certificate for device {DeviceId}")]
    public static partial void ResumingRegistration(ILogger logger, string deviceId);
}
