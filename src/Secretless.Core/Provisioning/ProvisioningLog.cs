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

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning,
        Message = "Registration of certificate {CertificateId} for device {DeviceId} failed; set it INACTIVE until the issuance is resumed")]
    public static partial void RegistrationFailedCertificateDeactivated(ILogger logger, string deviceId, string certificateId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error,
        Message = "Could not set certificate {CertificateId} of device {DeviceId} INACTIVE after a failed registration; the resumer will finish it")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, string deviceId, string certificateId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
        Message = "Another writer recorded a certificate for device {DeviceId} first; answering with the recorded one")]
    public static partial void LostIssuanceRace(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information,
        Message = "Resumed the issuance for device {DeviceId}: certificate {CertificateId} registered and completed")]
    public static partial void Resumed(ILogger logger, string deviceId, string certificateId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
        Message = "Issuance for device {DeviceId} is pending since {CreatedAt:o} (the CA never answered); it is issued again when the device retries its CSR")]
    public static partial void StalePending(ILogger logger, string deviceId, DateTimeOffset createdAt);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error,
        Message = "Resuming the issuance for device {DeviceId} failed; it stays incomplete for the next attempt")]
    public static partial void ResumeFailed(ILogger logger, Exception exception, string deviceId);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information,
        Message = "Issuance resume finished: {Resumed} completed, {StalePending} stale pending, {Failed} failed")]
    public static partial void ResumeFinished(ILogger logger, int resumed, int stalePending, int failed);
}
